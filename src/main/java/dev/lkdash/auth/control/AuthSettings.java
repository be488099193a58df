package dev.lkdash.auth.control;

import dev.lkdash.auth.entity.AuthMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code dashboard.auth.*} and {@code dashboard.metrics.token} settings (README, Authentication). */
@ApplicationScoped
public class AuthSettings {

    @Inject
    @ConfigProperty(name = "dashboard.auth.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "dashboard.auth.admin-username", defaultValue = "admin")
    String adminUsername;

    @Inject
    @ConfigProperty(name = "dashboard.auth.admin-password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "dashboard.auth.session-idle-minutes", defaultValue = "60")
    long sessionIdleMinutes;

    @Inject
    @ConfigProperty(name = "dashboard.auth.session-max-hours", defaultValue = "12")
    long sessionMaxHours;

    @Inject
    @ConfigProperty(name = "dashboard.auth.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "dashboard.auth.failure-window-minutes", defaultValue = "15")
    long failureWindowMinutes;

    @Inject
    @ConfigProperty(name = "dashboard.auth.client-address-header")
    Optional<String> clientAddressHeader;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.client-id")
    Optional<String> oidcClientId;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.client-secret")
    Optional<String> oidcClientSecret;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.allowed-users")
    Optional<String> oidcAllowedUsers;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.allowed-groups")
    Optional<String> oidcAllowedGroups;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.scopes", defaultValue = "openid profile email")
    String oidcScopes;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.username-claim", defaultValue = "preferred_username")
    String oidcUsernameClaim;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.groups-claim", defaultValue = "groups")
    String oidcGroupsClaim;

    @Inject
    @ConfigProperty(name = "dashboard.auth.oidc.redirect-uri")
    Optional<String> oidcRedirectUri;

    @Inject
    @ConfigProperty(name = "dashboard.metrics.token")
    Optional<String> metricsToken;

    public AuthMode mode() {
        if (!enabled) {
            return AuthMode.DISABLED;
        }
        return nonBlank(oidcIssuer).isPresent() ? AuthMode.OIDC : AuthMode.PASSWORD;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public Optional<String> adminPassword() {
        return nonBlank(adminPassword);
    }

    public Duration sessionIdle() {
        return Duration.ofMinutes(Math.max(1, sessionIdleMinutes));
    }

    public Duration sessionMax() {
        return Duration.ofHours(Math.max(1, sessionMaxHours));
    }

    public int maxFailures() {
        return Math.max(1, maxFailures);
    }

    public Duration failureWindow() {
        return Duration.ofMinutes(Math.max(1, failureWindowMinutes));
    }

    public Optional<String> clientAddressHeader() {
        return nonBlank(clientAddressHeader);
    }

    public String oidcIssuer() {
        return nonBlank(oidcIssuer).orElseThrow();
    }

    public String oidcClientId() {
        return nonBlank(oidcClientId).orElseThrow(() -> new IllegalStateException("dashboard.auth.oidc.client-id is not set"));
    }

    public Optional<String> oidcClientSecret() {
        return nonBlank(oidcClientSecret);
    }

    public Set<String> oidcAllowedUsers() {
        return list(oidcAllowedUsers);
    }

    public Set<String> oidcAllowedGroups() {
        return list(oidcAllowedGroups);
    }

    public String oidcScopes() {
        return oidcScopes;
    }

    public String oidcUsernameClaim() {
        return oidcUsernameClaim;
    }

    public String oidcGroupsClaim() {
        return oidcGroupsClaim;
    }

    public Optional<String> oidcRedirectUri() {
        return nonBlank(oidcRedirectUri);
    }

    public Optional<String> metricsToken() {
        return nonBlank(metricsToken);
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    private static Set<String> list(Optional<String> value) {
        return nonBlank(value).map(text -> Arrays.stream(text.split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }
}
