package dev.lkdash.reconciliation.control;

import dev.lkdash.reconciliation.entity.Correction;
import dev.lkdash.rooms.control.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * While reconciliation is off (no {@code livekit.url}), ends the live rooms that went quiet as
 * {@code presumed_ended} ({@link PresumedEnds}): each is recorded as a correction, so a real
 * {@code room_finished} arriving later still wins.
 */
@ApplicationScoped
public class EndPresumption {

    private static final Logger LOG = Logger.getLogger(EndPresumption.class.getName());

    @Inject
    Reconciliation reconciliation;

    @Inject
    @ConfigProperty(name = "dashboard.rooms.presume-ended")
    boolean presumeEnded;

    @Inject
    RoomState rooms;

    @Inject
    CorrectionRecorder recorder;

    Clock clock = Clock.systemUTC();

    /** Whether quiet rooms are presumed ended: only when LiveKit cannot be asked, and unless turned off. */
    public boolean isEnabled() {
        return presumeEnded && !reconciliation.isEnabled();
    }

    /** Never throws: it runs on a timer, which the container would re-run on a failure. */
    public synchronized void run() {
        if (!isEnabled()) {
            return;
        }
        try {
            for (Correction correction : PresumedEnds.corrections(rooms.quietRooms(), clock)) {
                recorder.record(correction);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Presuming the end of quiet rooms failed; the next check tries again", failed);
        }
    }
}
