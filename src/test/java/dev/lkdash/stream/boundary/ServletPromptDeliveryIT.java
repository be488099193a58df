package dev.lkdash.stream.boundary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Prompt delivery on the servlet transport (non-blocking servlet output). */
class ServletPromptDeliveryIT extends PromptDeliveryContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("servlet");
    }
}
