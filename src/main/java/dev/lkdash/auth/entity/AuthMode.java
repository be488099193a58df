package dev.lkdash.auth.entity;

/** How people sign in: chosen by configuration, told to the page by {@code GET /api/auth/mode}. */
public enum AuthMode {
    /** {@code dashboard.auth.enabled=false}: an authenticating proxy in front does it. */
    DISABLED,
    /** The administrator's user name and password. */
    PASSWORD,
    /** OpenID Connect single sign-on ({@code dashboard.auth.oidc.issuer} set). */
    OIDC;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
