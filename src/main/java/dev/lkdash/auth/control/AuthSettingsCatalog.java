package dev.lkdash.auth.control;

import static dev.lkdash.guard.control.Setting.atLeast;
import static dev.lkdash.guard.control.Setting.bool;
import static dev.lkdash.guard.control.Setting.text;
import static dev.lkdash.guard.control.Setting.url;
import static dev.lkdash.guard.control.Setting.wholeNumber;

import dev.lkdash.guard.control.Setting;
import dev.lkdash.guard.control.SettingsCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sign-in's keys ({@code dashboard.auth.*}, {@code dashboard.metrics.token}), for the check at start. */
@ApplicationScoped
public class AuthSettingsCatalog implements SettingsCatalog {

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("dashboard.auth.enabled", bool()),
                Setting.of("dashboard.auth.admin-username", text()),
                Setting.secret("dashboard.auth.admin-password"),
                Setting.of("dashboard.auth.session-idle-minutes", wholeNumber(1, 7 * 24 * 60)),
                Setting.of("dashboard.auth.session-max-hours", wholeNumber(1, 24 * 365)),
                Setting.of("dashboard.auth.max-failures", wholeNumber(1, 1_000_000)),
                Setting.of("dashboard.auth.failure-window-minutes", atLeast(1)),
                Setting.of("dashboard.auth.client-address-header", text()),
                Setting.of("dashboard.auth.oidc.issuer", url("https", "http")),
                Setting.of("dashboard.auth.oidc.client-id", text()),
                Setting.secret("dashboard.auth.oidc.client-secret"),
                Setting.of("dashboard.auth.oidc.allowed-users", text()),
                Setting.of("dashboard.auth.oidc.allowed-groups", text()),
                Setting.of("dashboard.auth.oidc.groups-claim", text()),
                Setting.of("dashboard.auth.oidc.username-claim", text()),
                Setting.of("dashboard.auth.oidc.scopes", text()),
                Setting.of("dashboard.auth.oidc.redirect-uri", url("https", "http")),
                Setting.secret("dashboard.metrics.token"));
    }

    @Override
    public List<String> checkTogether(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        boolean issuer = values.containsKey("dashboard.auth.oidc.issuer");
        if (issuer && !values.containsKey("dashboard.auth.oidc.client-id")) {
            problems.add("dashboard.auth.oidc.issuer is set without dashboard.auth.oidc.client-id");
        }
        if (!issuer && values.containsKey("dashboard.auth.oidc.client-id")) {
            problems.add("dashboard.auth.oidc.client-id is set without dashboard.auth.oidc.issuer");
        }
        return problems;
    }
}
