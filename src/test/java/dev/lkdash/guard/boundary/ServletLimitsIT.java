package dev.lkdash.guard.boundary;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The per-address stream cap and the cut of a stalled client on the servlet transport. */
class ServletLimitsIT extends StreamLimitsContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("servlet", Map.of());
    }
}
