package dev.lkdash.demo.boundary;

import dev.lkdash.demo.control.DemoPlayer;
import dev.lkdash.demo.control.DemoTraffic;
import dev.lkdash.demo.control.WebhookPoster;
import dev.lkdash.platform.LiveKitKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code dashboard.demo.enabled=true}, plays {@link DemoTraffic} through the real webhook
 * endpoint at {@code dashboard.demo.url}, signed with {@code livekit.api.key}/{@code livekit.api.secret},
 * once a second on a non-persistent EJB timer. Off (and no timer) unless enabled. The dashboard
 * then keeps everything in a database of its own in memory ({@code Database}), never in the real
 * history, and the demo's rooms are finished when the application stops.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DemoTrafficTimer {

    private static final Logger LOG = Logger.getLogger(DemoTrafficTimer.class.getName());
    private static final long FIRST_TICK_MS = 3_000;
    private static final long TICK_MS = 1_000;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "dashboard.demo.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "dashboard.demo.url")
    String url;

    @Inject
    LiveKitKeys keys;

    /** A slow round makes the next timeouts skip rather than queue up behind it. */
    private final ReentrantLock playing = new ReentrantLock();
    private volatile DemoPlayer player;

    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        if (!keys.isConfigured()) {
            LOG.warning("Demo traffic is NOT playing although dashboard.demo.enabled=true: "
                    + "set livekit.api.key and livekit.api.secret, which it signs its webhooks with");
            return;
        }
        WebhookPoster poster = new WebhookPoster(URI.create(url.strip()), keys.key(), keys.secret());
        Instant now = Instant.now();
        DemoTraffic traffic = new DemoTraffic(System.nanoTime() ^ now.toEpochMilli(), now, DemoTraffic.Settings.DEFAULT);
        player = new DemoPlayer(traffic, poster::post, LOG::info);
        timerService.createIntervalTimer(FIRST_TICK_MS, TICK_MS, new TimerConfig("demo-traffic", false));
        LOG.info(() -> "Demo traffic is ON (dashboard.demo.enabled=true): simulated LiveKit rooms are posted to "
                + poster.endpoint() + " as signed webhooks; the data shown is not real");
    }

    /** Never throws: a failing timeout method would be re-run by the container. */
    @Timeout
    void tick() {
        if (player == null || !playing.tryLock()) {
            return;
        }
        try {
            player.tick(Instant.now());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Throwable anything) {
            LOG.log(Level.WARNING, "Demo traffic round failed; the next one goes on", anything);
        } finally {
            playing.unlock();
        }
    }

    /** The demo's rooms finish with the application, so that none is left live. */
    @PreDestroy
    void stop() {
        if (player == null) {
            return;
        }
        playing.lock();
        try {
            int ended = player.finish(Instant.now());
            LOG.info(() -> "Demo traffic stopped: " + ended + " room endings delivered");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Demo traffic could not finish its rooms", failed);
        } finally {
            player = null;
            playing.unlock();
        }
    }

    public boolean isPlaying() {
        return player != null;
    }
}
