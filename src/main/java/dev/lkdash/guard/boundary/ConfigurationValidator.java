package dev.lkdash.guard.boundary;

import dev.lkdash.guard.control.ConfigurationCheck;
import dev.lkdash.guard.control.SettingsCatalog;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the whole configuration when the application starts and fails the deployment with one
 * list of everything that is wrong, rather than at the first webhook or, worse, by doing harm (a
 * retention of 0 days would delete every ended session). Problems name keys, never values;
 * secrets are only reported as set or unset.
 * <p>
 * A CDI extension, checking as soon as the types are discovered: the runtime's MicroProfile Config
 * validates every {@code @ConfigProperty} injection point while beans are discovered, before any
 * {@code @Startup} EJB exists, and fails on the first bad value with its own message (measured on
 * Payara: {@code NumberFormatException: For input string: "abc"}). The settings' catalogs are the
 * discovered beans implementing {@link SettingsCatalog}, each made with its no-argument constructor.
 */
public class ConfigurationValidator implements Extension {

    private static final Logger LOG = Logger.getLogger(ConfigurationValidator.class.getName());

    private final List<Class<? extends SettingsCatalog>> catalogTypes = new ArrayList<>();

    void collect(@Observes ProcessAnnotatedType<? extends SettingsCatalog> discovered) {
        Class<? extends SettingsCatalog> type = discovered.getAnnotatedType().getJavaClass();
        if (!type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            catalogTypes.add(type);
        }
    }

    void check(@Observes AfterTypeDiscovery discovered) {
        List<SettingsCatalog> catalogs = new ArrayList<>();
        for (Class<? extends SettingsCatalog> type : catalogTypes) {
            try {
                catalogs.add(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException notConstructible) {
                throw new DeploymentException(type.getName() + " needs a public no-argument constructor", notConstructible);
            }
        }
        Config config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        Function<String, Optional<String>> value = key -> config.getOptionalValue(key, String.class).filter(text -> !text.isEmpty());
        Set<String> names = new HashSet<>();
        config.getPropertyNames().forEach(names::add);
        List<String> problems = ConfigurationCheck.problems(catalogs, value, names);
        if (!problems.isEmpty()) {
            String list = problems.stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n"));
            LOG.severe("The configuration has " + problems.size() + " problem(s); the dashboard does not start:\n" + list);
            throw new DeploymentException("Invalid configuration (" + problems.size() + " problem(s)):\n" + list);
        }
        LOG.info(() -> "Configuration checked (" + catalogs.size() + " catalog(s)); secrets: " + ConfigurationCheck.summary(catalogs, value));
    }
}
