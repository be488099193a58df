package dev.lkdash.auth.entity;

import java.util.Set;

/** Who the OpenID provider says signed in: the name shown, the names an allow-list may use, the groups. */
public record OidcUser(String username, Set<String> names, Set<String> groups) {
}
