package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class ServerKindTest {
    @Test
    void mariaDbIsKnownByItsVersionStringWhateverPrefixMySqlsDriverSees() {
        assertThat(ServerKind.ofVersion("5.5.5-10.11.19-MariaDB-0+deb12u1")).isEqualTo(ServerKind.MARIADB);
        assertThat(ServerKind.ofVersion("11.4.5-MariaDB")).isEqualTo(ServerKind.MARIADB);
        assertThat(ServerKind.ofVersion("8.4.3")).isEqualTo(ServerKind.MYSQL);
        assertThat(ServerKind.MARIADB.dialect()).isEqualTo(SQLDialect.MARIADB);
        assertThat(ServerKind.MYSQL.dialect()).isEqualTo(SQLDialect.MYSQL);
    }

    @Test
    void mariaDbsDriverGetsTheConfiguredUrlWithItsOwnSchemeAndTheSameOptions() {
        String url = "jdbc:mysql://db:3306/Xen?connectionTimeZone=UTC&socketTimeout=60000";
        assertThat(ServerKind.MARIADB.driverUrl(url)).isEqualTo("jdbc:mariadb://db:3306/Xen?connectionTimeZone=UTC&socketTimeout=60000");
        assertThat(ServerKind.MYSQL.driverUrl(url)).isEqualTo(url);
    }
}
