package org.xcpbalancer.service.pools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xcpbalancer.control.strategy.StrategyRegistry;
import org.xcpbalancer.core.cli.ExitCode;
import org.xcpbalancer.core.cli.UserFacingException;
import org.xcpbalancer.core.settings.SettingsLoader;

/**
 * The pools.d folder, read again on every {@link #scan()}: one pool per NAME.properties. A file that does not
 * validate is reported once (one line naming the file and the key) and left out until it changes; the other
 * pools carry on. Only a folder that cannot be read at all stops the service.
 */
public final class PoolDirectory {
    /** Pool names are lease keys and log prefixes: plain and short. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String SUFFIX = ".properties";

    private final Path folder;
    private final SettingsLoader loader;
    private final Consumer<String> notices;
    private final Map<String, String> reported = new HashMap<>();

    public PoolDirectory(Path folder, SettingsLoader loader, Consumer<String> notices) {
        this.folder = folder;
        this.loader = loader;
        this.notices = notices;
    }

    public Path folder() {
        return folder;
    }

    /** The valid pool files now present, by name. */
    public Map<String, PoolFile> scan() {
        if (!Files.isDirectory(folder)) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "service.poolsDirectory " + folder
                    + " is not a folder (one NAME.properties per pool goes there)");
        }
        Map<String, PoolFile> pools = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(file)) {
                    continue;
                }
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                read(file, name).ifPresent(pool -> pools.put(name, pool));
            }
        } catch (IOException e) {
            throw new UserFacingException(ExitCode.BAD_INPUT, "service.poolsDirectory " + folder + " cannot be read: "
                    + e.getMessage());
        }
        return pools;
    }

    private Optional<PoolFile> read(Path file, String name) {
        String version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            version = attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
        } catch (IOException e) {
            return Optional.empty(); // removed while listing
        }
        if (!NAME.matcher(name).matches()) {
            report(name, version, file + ": the pool name '" + name + "' may hold only letters, digits, '.', '_' and '-'"
                    + " (at most 100); file left out");
            return Optional.empty();
        }
        try {
            PoolFile pool = new PoolFile(name, loader.read(file, SettingsLoader.Need.XAPI), version);
            StrategyRegistry.chain(pool.settings()); // control.strategies checked now, not at the first run
            if (reported.remove(name) != null) {
                notices.accept(file + ": valid now; pool " + name + " is served again");
            }
            return Optional.of(pool);
        } catch (UserFacingException e) {
            report(name, version, e.getMessage() + "; pool " + name + " left out until the file changes");
            return Optional.empty();
        }
    }

    private void report(String name, String version, String line) {
        if (!version.equals(reported.put(name, version))) {
            notices.accept(line);
        }
    }
}
