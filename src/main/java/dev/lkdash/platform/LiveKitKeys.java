package dev.lkdash.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API key and secret LiveKit signs webhooks with, which also sign what the dashboard sends to
 * LiveKit (RoomService) and to itself (demo traffic). A blank value counts as unset.
 */
@ApplicationScoped
public class LiveKitKeys {

    @Inject
    @ConfigProperty(name = "livekit.api.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "livekit.api.secret")
    Optional<String> secret;

    public boolean isConfigured() {
        return key.filter(value -> !value.isBlank()).isPresent() && secret.filter(value -> !value.isBlank()).isPresent();
    }

    /** @throws IllegalStateException when not {@link #isConfigured() configured} */
    public String key() {
        return key.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException("livekit.api.key is not set"));
    }

    /** @throws IllegalStateException when not {@link #isConfigured() configured} */
    public String secret() {
        return secret.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException("livekit.api.secret is not set"));
    }
}
