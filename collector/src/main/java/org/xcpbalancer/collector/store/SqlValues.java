package org.xcpbalancer.collector.store;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * VALUES(col) in ON DUPLICATE KEY UPDATE. jOOQ's DSL.excluded() renders MySQL 8.0.19's row alias ("AS t"),
 * which MariaDB does not understand; VALUES(col) works on MariaDB and on MySQL 8 (deprecated there, not removed).
 */
final class SqlValues {
    private SqlValues() {
    }

    static <T> Field<T> values(Field<T> column) {
        return DSL.field("VALUES({0})", column.getDataType(), DSL.name(column.getName()));
    }
}
