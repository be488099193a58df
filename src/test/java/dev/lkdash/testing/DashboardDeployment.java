package dev.lkdash.testing;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR as Maven packaged it, plus a configuration that outranks its defaults, so that each
 * integration test class runs the real application with the settings of its concern.
 */
public final class DashboardDeployment {

    private DashboardDeployment() {
    }

    /**
     * The WAR with the test webhook keys and the given settings. Quiet rooms are not presumed
     * ended unless a test asks for it: the fixtures' rooms are months old, so the check would
     * end them and broadcast its corrections in the middle of other tests' streams.
     */
    public static WebArchive withKeys(String name, Map<String, String> settings) {
        Map<String, String> all = new java.util.TreeMap<>(settings);
        all.put("livekit.api.key", LiveKitSigner.TEST.apiKey());
        all.put("livekit.api.secret", LiveKitSigner.TEST.apiSecret());
        all.putIfAbsent("dashboard.rooms.presume-ended", "false");
        return without(name, all);
    }

    /**
     * The WAR with only the given settings (no webhook keys unless given) and, unless given, a
     * fresh {@code dashboard.data-dir}, so that no test reads another run's history, and the
     * administrator's password {@link TestLogin#PASSWORD} (an empty value leaves it to be generated).
     * The per-address limits are off unless a test asks for them: every test client is one address.
     */
    public static WebArchive without(String name, Map<String, String> given) {
        TestLogin.forgetAll();
        Map<String, String> settings = new java.util.TreeMap<>(given);
        settings.computeIfAbsent("dashboard.data-dir", key -> freshDataDir(name));
        settings.putIfAbsent("dashboard.auth.admin-password", TestLogin.PASSWORD);
        settings.putIfAbsent("dashboard.http.rate-limit-per-second", "0");
        settings.putIfAbsent("dashboard.sse.max-connections-per-address", "0");
        String directory = System.getProperty("dashboard.war.dir", "target/livekit-dashboard");
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .as(ExplodedImporter.class).importDirectory(new File(directory)).as(WebArchive.class);
        String properties = "config_ordinal=500\n" + settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n"));
        return war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "test-settings.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties"));
    }

    /** An empty folder for one test's database, under {@code target/it-data} so that a clean build removes it. */
    public static String freshDataDir(String name) {
        try {
            java.nio.file.Path parent = java.nio.file.Path.of(System.getProperty("dashboard.war.dir", "target/livekit-dashboard"))
                    .toAbsolutePath().getParent().resolve("it-data");
            java.nio.file.Files.createDirectories(parent);
            return java.nio.file.Files.createTempDirectory(parent, name + "-").toString().replace('\\', '/');
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
    }
}
