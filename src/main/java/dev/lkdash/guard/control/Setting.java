package dev.lkdash.guard.control;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One configuration key and what a valid value is. A problem names the key and what is expected,
 * never the value (it may be a secret, or something pasted by mistake).
 *
 * @param secret whether the value must never be shown (only whether it is set)
 */
public record Setting(String key, Rule rule, boolean secret) {

    /** What is wrong with a value that is set, or null when it is fine. */
    @FunctionalInterface
    public interface Rule {
        String problem(String value);
    }

    public static Setting of(String key, Rule rule) {
        return new Setting(key, rule, false);
    }

    public static Setting secret(String key) {
        return new Setting(key, value -> null, true);
    }

    public static Rule text() {
        return value -> value.isBlank() ? "must not be blank" : null;
    }

    public static Rule wholeNumber(long min, long max) {
        return value -> {
            long number;
            try {
                number = Long.parseLong(value.strip());
            } catch (NumberFormatException notNumber) {
                return "must be a whole number";
            }
            if (number < min || number > max) {
                return max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max;
            }
            return null;
        };
    }

    public static Rule atLeast(long min) {
        return wholeNumber(min, Integer.MAX_VALUE);
    }

    public static Rule rate() {
        return value -> {
            double number;
            try {
                number = Double.parseDouble(value.strip());
            } catch (NumberFormatException notNumber) {
                return "must be a number (0 = off)";
            }
            return Double.isFinite(number) && number >= 0 ? null : "must be 0 (off) or more";
        };
    }

    public static Rule bool() {
        return value -> Set.of("true", "false").contains(value.strip().toLowerCase(Locale.ROOT)) ? null : "must be true or false";
    }

    public static Rule oneOf(String... choices) {
        Set<String> allowed = Set.of(choices);
        return value -> allowed.contains(value.strip()) ? null : "must be one of " + String.join(", ", choices);
    }

    public static Rule url(String... schemes) {
        Set<String> allowed = Set.of(schemes);
        return value -> {
            try {
                URI uri = new URI(value.strip());
                if (uri.getScheme() != null && allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getHost() != null) {
                    return null;
                }
            } catch (java.net.URISyntaxException notUri) {
                // the same answer as a URL of another scheme
            }
            return "must be a " + String.join(" or ", schemes) + " URL with a host";
        };
    }

    public static Rule startsWith(String prefix) {
        return value -> value.strip().startsWith(prefix) ? null : "must start with " + prefix;
    }

    /** A comma-separated list whose every entry passes. */
    public static Rule listOf(Predicate<String> entry, String expected) {
        return value -> {
            for (String item : value.split(",")) {
                if (!item.isBlank() && !entry.test(item.strip())) {
                    return "must be a comma-separated list of " + expected;
                }
            }
            return null;
        };
    }
}
