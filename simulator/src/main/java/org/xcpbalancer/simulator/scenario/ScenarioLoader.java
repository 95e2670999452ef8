package org.xcpbalancer.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Reads and validates scenario files (docs/simulator-scenarios.md). Every problem is reported as a
 * {@link ScenarioException} whose message is one line naming the file and the field.
 */
public final class ScenarioLoader {
    /** Templates every simulated pool offers unless the scenario lists its own. */
    public static final List<String> DEFAULT_TEMPLATES = List.of(
            "Debian Bookworm 12", "Ubuntu Jammy Jellyfish 22.04", "Windows Server 2022 (64-bit)",
            "Other install media");
    /** Classpath folder of the scenarios shipped with the simulator. */
    public static final String BUILTIN_FOLDER = "scenarios/";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ScenarioLoader() {
    }

    /** Loads a scenario file; messages name the file by its file name. */
    public static Scenario load(Path file) throws ScenarioException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "", "no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new ScenarioException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
        return parse(text, name);
    }

    /** Loads one of the scenarios shipped on the classpath, e.g. "paper-unbalanced" or "paper-unbalanced.json". */
    public static Scenario builtin(String name) throws ScenarioException {
        String fileName = name.endsWith(".json") ? name : name + ".json";
        ClassLoader loader = ScenarioLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BUILTIN_FOLDER + fileName)) {
            if (in == null) {
                throw new ScenarioException(fileName, "", "no built-in scenario of that name");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), fileName);
        } catch (IOException e) {
            throw new ScenarioException(fileName, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Parses scenario JSON; {@code sourceName} is used in messages. */
    public static Scenario parse(String json, String sourceName) throws ScenarioException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String problem = e.getOriginalMessage();
            int detail = problem.indexOf(" (for ");
            if (detail > 0) {
                problem = problem.substring(0, detail);
            }
            if (problem.startsWith("Trailing token")) {
                problem = "more content after the end of the scenario object";
            }
            throw new ScenarioException(sourceName, where, "invalid JSON: " + problem);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(sourceName, "", "empty file");
        }
        return new ScenarioReader(sourceName).read(new JsonFields(sourceName, "", root));
    }

    /** The uuid a scenario object gets when the file gives none: a name-based (v3) UUID of pool, kind and name. */
    public static String derivedUuid(String poolName, String kind, String name) {
        return UUID.nameUUIDFromBytes(("xcp-sim/" + poolName + "/" + kind + "/" + name)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
