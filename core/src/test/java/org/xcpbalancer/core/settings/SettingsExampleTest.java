package org.xcpbalancer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsExampleTest {
    private static final Path EXAMPLE = Path.of("..", "settings.properties.example");

    @Test
    void exampleFileIsCurrentWithTheKeyRegistry() throws IOException {
        assertThat(Files.readString(EXAMPLE))
                .as("settings.properties.example is out of date; regenerate it (see SettingsExample)")
                .isEqualTo(SettingsExample.render());
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws IOException {
        String example = Files.readString(EXAMPLE);
        for (SettingKey<?> key : SettingKeys.all().values()) {
            assertThat(example).contains(key.name() + "=" + (key.defaultText() == null ? "" : key.defaultText()));
        }
    }

    @Test
    void theExampleItselfLoads(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("settings.properties");
        Files.copy(EXAMPLE, copy);
        Settings settings = new SettingsLoader(Map.of()).read(copy, SettingsLoader.Need.XAPI, SettingsLoader.Need.DATABASE);
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:mysql://localhost:3306/Xen");
    }
}
