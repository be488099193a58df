package dev.lkdash.stream.boundary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Prompt delivery on the JAX-RS transport (SseBroadcaster). */
class JaxRsPromptDeliveryIT extends PromptDeliveryContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("jaxrs");
    }
}
