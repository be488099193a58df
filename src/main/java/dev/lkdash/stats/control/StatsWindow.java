package dev.lkdash.stats.control;

import dev.lkdash.platform.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The windows the overview offers, in minutes. */
public enum StatsWindow {
    M15("15m", 15), H1("1h", 60), H6("6h", 360), H24("24h", 1440);

    public final String label;
    public final int minutes;

    StatsWindow(String label, int minutes) {
        this.label = label;
        this.minutes = minutes;
    }

    /**
     * @param label null or blank for the default, {@code 1h}
     * @throws ApiException {@code bad_parameter} for any other label
     */
    public static StatsWindow parse(String label) {
        if (label == null || label.isBlank()) {
            return H1;
        }
        return Arrays.stream(values()).filter(window -> window.label.equals(label.strip())).findFirst()
                .orElseThrow(() -> ApiException.badParameter("window must be one of "
                        + Arrays.stream(values()).map(window -> window.label).collect(Collectors.joining(", "))
                        + ", not " + label));
    }
}
