package dev.lkdash.guard.control;

import java.util.List;
import java.util.Map;

/**
 * The settings of one part of the dashboard, for the check at start. A component with keys of its
 * own adds a bean of this type (for example the login's {@code dashboard.auth.*} and
 * {@code dashboard.metrics.token}); the check then knows its keys and runs its rules.
 */
public interface SettingsCatalog {

    List<Setting> settings();

    /**
     * Rules between keys, such as one that needs another.
     *
     * @param values every key that is set, with its value
     * @return the problems found, each naming its keys
     */
    default List<String> checkTogether(Map<String, String> values) {
        return List.of();
    }
}
