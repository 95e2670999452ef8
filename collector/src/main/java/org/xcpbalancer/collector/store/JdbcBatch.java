package org.xcpbalancer.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** One prepared statement executed as a JDBC batch on the transaction's connection, for the large row sets. */
final class JdbcBatch {
    private JdbcBatch() {
    }

    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    static <T> void run(DSLContext dsl, String sql, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                    if (++pending == PoolStateWriter.ROWS_PER_STATEMENT) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            } catch (SQLException e) {
                throw new DataAccessException("batch failed: " + e.getMessage(), e);
            }
        });
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** UTC LocalDateTime as DATETIME(3); the connection's time zone is UTC (core's Database sets it). */
    static void setTime(PreparedStatement statement, int index, LocalDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP);
        } else {
            statement.setObject(index, value);
        }
    }

}
