package dev.lkdash.store.control;

import java.sql.SQLException;

/** A database operation failed; whatever it was part of was rolled back. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
