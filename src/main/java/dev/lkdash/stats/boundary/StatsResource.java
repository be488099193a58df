package dev.lkdash.stats.boundary;

import dev.lkdash.stats.control.LiveTotals;
import dev.lkdash.stats.control.OverviewStats;
import dev.lkdash.stats.control.StatsWindow;
import dev.lkdash.stats.entity.StatsOverview;
import dev.lkdash.store.control.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The overview's totals and sparklines ({@code docs/api.md}). */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    LiveTotals live;

    @Inject
    Database database;

    @GET
    @Path("overview")
    public StatsOverview overview(@QueryParam("window") String window) {
        return OverviewStats.overview(database, live.liveTotals(), StatsWindow.parse(window),
                System.currentTimeMillis());
    }
}
