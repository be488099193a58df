package dev.lkdash.webhooks.boundary;

import dev.lkdash.platform.ClientAddress;
import dev.lkdash.webhooks.control.WebhookIntake;
import dev.lkdash.webhooks.entity.WebhookDelivery;
import dev.lkdash.webhooks.entity.WebhookReceipt;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * LiveKit's webhook target. Any content type reaches the method so that a wrong one is answered
 * with the contract's JSON 415 rather than the runtime's own page.
 */
@Path("webhooks/livekit")
public class WebhookResource {

    @Inject
    WebhookIntake intake;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public WebhookReceipt receive(InputStream body,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return intake.accept(new WebhookDelivery(ClientAddress.of(request), contentType,
                request.getContentLengthLong(), authorization, body));
    }
}
