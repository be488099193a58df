package dev.lkdash.reconciliation.boundary;

import dev.lkdash.reconciliation.control.EndPresumption;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Looks for quiet rooms to presume ended every 15 s (a no-op while reconciliation runs). */
@Singleton
public class PresumedEndTimer {

    @Inject
    EndPresumption presumption;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void presumeQuietRoomsEnded() {
        presumption.run();
    }
}
