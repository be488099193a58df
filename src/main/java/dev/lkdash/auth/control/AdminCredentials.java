package dev.lkdash.auth.control;

import dev.lkdash.platform.LogText;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The administrator's password, held only as a salted PBKDF2 hash: of
 * {@code dashboard.auth.admin-password} when set, else of a password generated on the first start,
 * printed once in the log and kept in {@value #FILE_NAME} under {@code dashboard.data-dir}
 * (readable by its owner only). Later starts read that hash and print nothing.
 */
@ApplicationScoped
public class AdminCredentials {

    static final String FILE_NAME = "admin-password.pbkdf2";
    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());
    /** OWASP's figure for PBKDF2-HMAC-SHA512; the hash records it, so a change keeps old hashes valid. */
    private static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    @Inject
    AuthSettings settings;

    @Inject
    Pbkdf2PasswordHash hasher;

    @Inject
    @ConfigProperty(name = "dashboard.data-dir")
    String dataDir;

    @Resource
    ManagedExecutorService executor;

    private volatile CompletableFuture<String> hash;

    /**
     * Loads or creates the hash; called once at start so that a generated password is printed then.
     * A configured password is hashed in the background (PBKDF2 takes a few hundred milliseconds
     * that the start need not wait for); the first login waits for it.
     */
    public synchronized void load() {
        if (hash != null) {
            return;
        }
        hasher.initialize(HASH_PARAMETERS);
        String configured = settings.adminPassword().orElse(null);
        if (configured != null) {
            hash = CompletableFuture.supplyAsync(() -> hasher.generate(configured.toCharArray()), executor);
            LOG.info(() -> "Password login for " + LogText.quoted(settings.adminUsername())
                    + " with the password from dashboard.auth.admin-password");
            return;
        }
        Path file = Path.of(dataDir).toAbsolutePath().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                hash = CompletableFuture.completedFuture(Files.readString(file, StandardCharsets.US_ASCII).strip());
                LOG.info(() -> "Password login for " + LogText.quoted(settings.adminUsername()) + " with the password hash in " + file);
            } else {
                String generated = generatePassword();
                String generatedHash = hasher.generate(generated.toCharArray());
                write(file, generatedHash);
                hash = CompletableFuture.completedFuture(generatedHash);
                LOG.warning("Generated the dashboard's admin password (printed this once only; stored as a PBKDF2 hash in "
                        + file + "): username " + settings.adminUsername() + " password " + generated);
            }
        } catch (IOException unusable) {
            throw new UncheckedIOException("The admin password hash " + file + " cannot be read or written", unusable);
        }
    }

    /** Whether the password is the administrator's; the PBKDF2 work is done whatever the user name, so timing tells nothing. */
    public boolean verify(String username, String password) {
        load();
        boolean passwordMatches = hasher.verify(password.toCharArray(), hash.join());
        return passwordMatches && settings.adminUsername().equals(username);
    }

    private static String generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written to a file of the owner's alone first, then moved in place, so the hash is never readable by others. */
    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        }
        Files.writeString(temporary, content + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notHere) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
