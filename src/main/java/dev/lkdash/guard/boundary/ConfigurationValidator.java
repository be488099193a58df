package dev.lkdash.guard.boundary;

import dev.lkdash.guard.control.ConfigurationCheck;
import dev.lkdash.guard.control.SettingsCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Checks the whole configuration when the application starts and fails the deployment with one
 * list of everything that is wrong, rather than at the first webhook or, worse, by doing harm
 * (a retention of 0 days would delete every ended session). The other start-up beans depend on it.
 * Problems name keys, never values; secrets are only reported as set or unset.
 */
@Singleton
@Startup
public class ConfigurationValidator {

    private static final Logger LOG = Logger.getLogger(ConfigurationValidator.class.getName());

    @Inject
    Config config;

    @Inject
    @Any
    Instance<SettingsCatalog> catalogs;

    @PostConstruct
    void check() {
        List<SettingsCatalog> all = catalogs.stream().collect(Collectors.toList());
        Set<String> names = new HashSet<>();
        config.getPropertyNames().forEach(names::add);
        List<String> problems = ConfigurationCheck.problems(all,
                key -> config.getOptionalValue(key, String.class).filter(value -> !value.isEmpty()), names);
        if (!problems.isEmpty()) {
            String list = problems.stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n"));
            LOG.severe("The configuration has " + problems.size() + " problem(s); the dashboard does not start:\n" + list);
            throw new IllegalStateException("Invalid configuration (" + problems.size() + " problem(s)):\n" + list);
        }
        LOG.info(() -> "Configuration checked: " + ConfigurationCheck.summary(all,
                key -> config.getOptionalValue(key, String.class).filter(value -> !value.isEmpty())));
    }
}
