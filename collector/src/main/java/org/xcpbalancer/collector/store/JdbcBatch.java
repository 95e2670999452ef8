package org.xcpbalancer.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * One prepared statement executed as a JDBC batch on the transaction's connection, for the large row sets: with
 * rewriteBatchedStatements (core's Database sets it) the driver sends multi-row INSERTs without building
 * thousands of jOOQ bind objects first. The statement is rendered by jOOQ from the generated fields, so a renamed
 * or dropped column fails the build, not a production run.
 */
final class JdbcBatch {
    private JdbcBatch() {
    }

    /** A column of the statement: its generated field and how a row gives the value (null for SQL NULL). */
    record Column<R>(Field<?> field, Function<R, ?> value) {
    }

    static <R> Column<R> column(Field<?> field, Function<R, ?> value) {
        return new Column<>(field, value);
    }

    /** INSERT of the rows. */
    static <R> void insert(DSLContext dsl, Table<?> table, List<Column<R>> columns, List<R> rows) {
        run(dsl, dsl.insertInto(table, fields(columns)).values(placeholders(columns)), columns, rows);
    }

    /** INSERT, or on a duplicate key UPDATE every column but the first (the key) with the row's value. */
    static <R> void upsert(DSLContext dsl, Table<?> table, List<Column<R>> columns, List<R> rows) {
        Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
        for (Column<R> column : columns.subList(1, columns.size())) {
            updates.put(column.field(), SqlValues.values(column.field()));
        }
        run(dsl, dsl.insertInto(table, fields(columns)).values(placeholders(columns)).onDuplicateKeyUpdate()
                .set(updates), columns, rows);
    }

    private static <R> void run(DSLContext dsl, Query query, List<Column<R>> columns, List<R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = query.getSQL(ParamType.INDEXED);
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (R row : rows) {
                    bind(statement, columns, row);
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

    /** LocalDateTime values go in as they are: the connection's time zone is UTC (core's Database sets it). */
    private static <R> void bind(PreparedStatement statement, List<Column<R>> columns, R row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            Column<R> column = columns.get(i);
            Object value = column.value().apply(row);
            if (value == null) {
                statement.setNull(i + 1, column.field().getDataType().getSQLType());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static Field<?>[] fields(List<? extends Column<?>> columns) {
        return columns.stream().map(Column::field).toArray(Field<?>[]::new);
    }

    /** One bind marker per column, typed like the column. */
    private static Param<?>[] placeholders(List<? extends Column<?>> columns) {
        return columns.stream().map(column -> DSL.val(null, column.field())).toArray(Param<?>[]::new);
    }
}
