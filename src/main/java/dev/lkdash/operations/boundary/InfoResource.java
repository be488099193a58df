package dev.lkdash.operations.boundary;

import dev.lkdash.operations.entity.AppInfo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's version, and whether the data shown is demo traffic (the page then says so). */
@Path("info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    @ConfigProperty(name = "dashboard.version")
    String version;

    @Inject
    @ConfigProperty(name = "dashboard.demo.enabled")
    boolean demo;

    @GET
    public AppInfo info() {
        return new AppInfo(version, demo);
    }
}
