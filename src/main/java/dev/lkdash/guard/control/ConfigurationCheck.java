package dev.lkdash.guard.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks every {@code livekit.*} and {@code dashboard.*} setting against the catalogs at once and
 * lists everything that is wrong, each problem naming its key and never its value.
 */
public final class ConfigurationCheck {

    private static final List<String> PREFIXES = List.of("livekit.", "dashboard.");

    private ConfigurationCheck() {
    }

    /**
     * @param catalogs     what the keys are and take
     * @param value        a key's value as the configuration resolves it (empty when unset)
     * @param presentNames every property name the configuration sources hold (for keys nobody knows)
     * @return the problems, in key order; empty when all is well
     */
    public static List<String> problems(List<? extends SettingsCatalog> catalogs, Function<String, Optional<String>> value,
                                        Set<String> presentNames) {
        Map<String, Setting> known = new LinkedHashMap<>();
        for (SettingsCatalog catalog : catalogs) {
            for (Setting setting : catalog.settings()) {
                known.put(setting.key(), setting);
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> set = new LinkedHashMap<>();
        for (Setting setting : known.values()) {
            Optional<String> given = value.apply(setting.key());
            if (given.isEmpty()) {
                continue;
            }
            set.put(setting.key(), given.get());
            String problem = setting.rule().problem(given.get());
            if (problem != null) {
                problems.add(setting.key() + " " + problem);
            }
        }
        for (SettingsCatalog catalog : catalogs) {
            problems.addAll(catalog.checkTogether(set));
        }
        Set<String> knownAsEnvironment = new HashSet<>();
        known.keySet().forEach(key -> knownAsEnvironment.add(environmentName(key)));
        for (String name : new TreeSet<>(presentNames)) {
            if (PREFIXES.stream().anyMatch(name::startsWith) && !known.containsKey(name)
                    && !knownAsEnvironment.contains(environmentName(name))) {
                problems.add(name + " is not a setting of this dashboard (a typo?)");
            }
        }
        return problems;
    }

    /**
     * A key's environment variable (MicroProfile Config's mapping). Some runtimes list a variable
     * such as {@code DASHBOARD_DATA_DIR} under a name of their own making ({@code dashboard.data.dir}),
     * which is a known key all the same.
     */
    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The keys that are set, with secrets shown only as set: for the log line at start. */
    public static String summary(List<? extends SettingsCatalog> catalogs, Function<String, Optional<String>> value) {
        List<String> parts = new ArrayList<>();
        for (SettingsCatalog catalog : catalogs) {
            for (Setting setting : catalog.settings()) {
                if (setting.secret()) {
                    parts.add(setting.key() + (value.apply(setting.key()).isPresent() ? " (set)" : " (unset)"));
                }
            }
        }
        return String.join(", ", parts);
    }
}
