package dev.lkdash.stream.boundary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The stream contract on the JAX-RS transport (SseBroadcaster), the default. */
class JaxRsStreamIT extends StreamContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("jaxrs");
    }
}
