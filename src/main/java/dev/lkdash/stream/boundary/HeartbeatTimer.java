package dev.lkdash.stream.boundary;

import dev.lkdash.stream.control.StreamBroadcaster;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends the heartbeat every {@code dashboard.sse.heartbeat-seconds} (a non-persistent EJB timer). */
@Startup
@Singleton
public class HeartbeatTimer {

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "dashboard.sse.heartbeat-seconds")
    long heartbeatSeconds;

    @Inject
    StreamBroadcaster broadcaster;

    @PostConstruct
    void schedule() {
        long interval = heartbeatSeconds * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("sse-heartbeat", false));
    }

    @Timeout
    void beat() {
        broadcaster.heartbeat();
    }
}
