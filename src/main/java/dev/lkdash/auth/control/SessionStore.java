package dev.lkdash.auth.control;

import dev.lkdash.auth.entity.AuthSession;
import dev.lkdash.store.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Login sessions in the event database ({@code auth_session}), so that every instance sharing it
 * honours a session and a logout on one ends it on all. A session is a random 256-bit token in the
 * cookie; the table keeps only its SHA-256, so a copy of the database opens no session. A session
 * ends at logout, after {@code dashboard.auth.session-idle-minutes} without a request, or
 * {@code dashboard.auth.session-max-hours} after sign-in.
 */
@ApplicationScoped
public class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Database database;

    @Inject
    AuthSettings settings;

    LongSupplier clock = System::currentTimeMillis;

    /** Opens a session and returns its token (the cookie's value); expired sessions are swept meanwhile. */
    public String open(String username) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long now = clock.getAsLong();
        database.transaction(connection -> {
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM auth_session WHERE last_seen_at < ? OR created_at < ?")) {
                expired.setLong(1, now - settings.sessionIdle().toMillis());
                expired.setLong(2, now - settings.sessionMax().toMillis());
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO auth_session (token_hash, username, created_at, last_seen_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hash(token));
                insert.setString(2, username);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /**
     * The live session of a token, its idle time restarted; empty when unknown, ended or expired.
     * The last-seen time is written at most once a minute, so a busy page costs reads only.
     */
    public Optional<AuthSession> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String key = hash(token);
        long now = clock.getAsLong();
        Optional<AuthSession> found = database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username, created_at, last_seen_at FROM auth_session WHERE token_hash = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new AuthSession(row.getString(1), row.getLong(2), row.getLong(3)))
                            : Optional.<AuthSession>empty();
                }
            }
        });
        if (found.isEmpty()) {
            return found;
        }
        AuthSession session = found.get();
        if (now - session.lastSeenAt() > settings.sessionIdle().toMillis()
                || now - session.createdAt() > settings.sessionMax().toMillis()) {
            close(token);
            return Optional.empty();
        }
        if (now - session.lastSeenAt() > 60_000) {
            database.transaction(connection -> {
                try (PreparedStatement touch = connection.prepareStatement(
                        "UPDATE auth_session SET last_seen_at = ? WHERE token_hash = ?")) {
                    touch.setLong(1, now);
                    touch.setString(2, key);
                    return touch.executeUpdate();
                }
            });
        }
        return found;
    }

    /** Ends the session of a token, if any. */
    public void close(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return;
        }
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM auth_session WHERE token_hash = ?")) {
                delete.setString(1, hash(token));
                return delete.executeUpdate();
            }
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
