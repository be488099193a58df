package dev.lkdash.stream.boundary;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The stream contract on the JAX-RS transport (SseBroadcaster), the default. */
class JaxRsStreamIT extends StreamContract {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("jaxrs");
    }

    /**
     * Not on WildFly: there a client that stops reading holds up the other streams of this
     * transport for the send timeout, until it is cut (README, Deploy to WildFly). The WildFly
     * build profile sets {@code wildfly.home}.
     */
    @Override
    boolean cutsAClientThatStopsReading() {
        return System.getProperty("wildfly.home") == null;
    }
}
