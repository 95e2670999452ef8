package org.xcpbalancer.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerSensingDataSourceTest {

    @Test
    void userInfoInTheUrlBecomesTheCredentialsForEitherDriver() {
        Properties credentials = new Properties();
        credentials.setProperty("user", "configured");
        credentials.setProperty("password", "configured");
        assertThat(ServerSensingDataSource.withoutUserInfo("jdbc:mysql://xcp:p%40ss+word@db:3306/Xen?useSSL=false",
                credentials)).isEqualTo("jdbc:mysql://db:3306/Xen?useSSL=false");
        assertThat(credentials.getProperty("user")).isEqualTo("xcp");
        assertThat(credentials.getProperty("password")).isEqualTo("p@ss+word");
    }

    @Test
    void aUrlWithoutUserInfoKeepsTheConfiguredCredentials() {
        Properties credentials = new Properties();
        credentials.setProperty("user", "xcp");
        String url = "jdbc:mysql://db:3306/Xen?user=other&password=x@y";
        assertThat(ServerSensingDataSource.withoutUserInfo(url, credentials)).isEqualTo(url);
        assertThat(credentials.getProperty("user")).isEqualTo("xcp");

        Properties onlyUser = new Properties();
        assertThat(ServerSensingDataSource.withoutUserInfo("jdbc:mysql://reader@db/Xen", onlyUser))
                .isEqualTo("jdbc:mysql://db/Xen");
        assertThat(onlyUser.getProperty("user")).isEqualTo("reader");
        assertThat(onlyUser.getProperty("password")).isNull();
    }
}
