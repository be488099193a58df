package dev.lkdash.webhooks.boundary;

import dev.lkdash.webhooks.control.WebhookHealth;
import dev.lkdash.webhooks.entity.WebhookHealthReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What LiveKit delivered and what was refused ({@code docs/api.md}). */
@Path("webhooks/health")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookHealthResource {

    @Inject
    WebhookHealth health;

    @GET
    public WebhookHealthReport health() {
        return health.report();
    }
}
