package dev.lkdash.store.control;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** IN lists of bounded length: databases limit the bind parameters of one statement. */
public final class Chunks {

    static final int SIZE = 500;

    private Chunks() {
    }

    public static List<List<String>> of(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SIZE) {
            chunks.add(all.subList(from, Math.min(all.size(), from + SIZE)));
        }
        return chunks;
    }

    /** {@code ?, ?, ?} for n parameters. */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public static void bind(PreparedStatement statement, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(first + i, values.get(i));
        }
    }
}
