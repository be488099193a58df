package dev.lkdash.auth.boundary;

import dev.lkdash.auth.control.AdminCredentials;
import dev.lkdash.auth.control.AuthSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Says at start how people sign in, and prepares the admin password then, so that a generated one
 * is printed at the first start rather than at the first login.
 */
@Startup
@Singleton
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class.getName());

    @Inject
    AuthSettings settings;

    @Inject
    AdminCredentials admin;

    @PostConstruct
    void announce() {
        switch (settings.mode()) {
            case DISABLED -> LOG.warning("dashboard.auth.enabled=false: the dashboard, its API and its event stream are open"
                    + " to anyone who can reach them; run it like this only behind a proxy that authenticates users");
            case PASSWORD -> admin.load();
            case OIDC -> {
                LOG.info(() -> "Sign-in through OpenID Connect at " + settings.oidcIssuer() + " as client " + settings.oidcClientId());
                if (settings.oidcAllowedUsers().isEmpty() && settings.oidcAllowedGroups().isEmpty()) {
                    LOG.warning("Neither dashboard.auth.oidc.allowed-users nor dashboard.auth.oidc.allowed-groups is set:"
                            + " every single sign-on is refused");
                }
            }
        }
        LOG.info(settings.metricsToken().isPresent() ? "/metrics needs the bearer token (dashboard.metrics.token)"
                : "/metrics is open (dashboard.metrics.token is not set)");
    }
}
