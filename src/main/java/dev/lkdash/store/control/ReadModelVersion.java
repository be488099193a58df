package dev.lkdash.store.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Which derivation the read model's rows hold ({@code read_model.version}; 0: none yet). */
public final class ReadModelVersion {

    private ReadModelVersion() {
    }

    public static int get(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT version FROM read_model");
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    public static void set(Connection connection, int version) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE read_model SET version = ?")) {
            update.setInt(1, version);
            update.executeUpdate();
        }
    }
}
