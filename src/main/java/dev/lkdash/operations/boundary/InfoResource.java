package dev.lkdash.operations.boundary;

import dev.lkdash.operations.entity.AppInfo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's version for the frontend. Demo traffic does not exist yet: {@code demo} is false. */
@Path("info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    @ConfigProperty(name = "dashboard.version")
    String version;

    @GET
    public AppInfo info() {
        return new AppInfo(version, false);
    }
}
