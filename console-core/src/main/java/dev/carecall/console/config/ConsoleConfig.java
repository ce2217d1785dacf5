package dev.carecall.console.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's configuration, read once at start from the command line, the environment, the per-user file and the
 * machine-wide file (first found wins, so what a doctor chose beats what clinic IT pushed to every PC). Only the
 * per-user file is ever written ({@link #remember}); the machine-wide file belongs to clinic IT. Thread-safe.
 */
public final class ConsoleConfig {
    /** Environment variable that names the server, e.g. set by a clinic's login script. */
    public static final String SERVER_ENV = "CARECALL_SERVER_URL";
    private static final Logger LOG = Logger.getLogger(ConsoleConfig.class.getName());

    private final CommandLine commandLine;
    private final String environmentServer;
    private final ConfigLocations locations;
    private final Properties machine;
    private final Properties user;

    private ConsoleConfig(CommandLine commandLine, String environmentServer, ConfigLocations locations) {
        this.commandLine = commandLine;
        this.environmentServer = CommandLine.blankToNull(environmentServer);
        this.locations = locations;
        this.machine = read(locations.machineFile());
        this.user = read(locations.userFile());
    }

    /** Reads the configuration of this machine and user. */
    public static ConsoleConfig load(CommandLine commandLine) {
        return load(commandLine, System.getenv(SERVER_ENV), ConfigLocations.forThisMachine());
    }

    /** Reads the configuration from explicit sources (tests). */
    public static ConsoleConfig load(CommandLine commandLine, String environmentServer, ConfigLocations locations) {
        return new ConsoleConfig(commandLine, environmentServer, locations);
    }

    /**
     * The server address to offer on the sign-in screen: {@code --server}, then {@code CARECALL_SERVER_URL}, then the
     * per-user file, then the machine-wide file. What the user types on the sign-in screen wins over all of these.
     */
    public Optional<String> serverUrl() {
        return firstOf(commandLine.server(), environmentServer, get(user, ConfigKey.SERVER_URL),
                get(machine, ConfigKey.SERVER_URL));
    }

    /** The user name to offer: {@code --username}, then the one that signed in last. */
    public Optional<String> initialUsername() {
        return firstOf(commandLine.username(), get(user, ConfigKey.SIGN_IN_LAST_USERNAME));
    }

    /** The extra CA certificate to trust (per-user first, then machine-wide). */
    public Optional<Path> caCertificate() {
        return firstOf(get(user, ConfigKey.TLS_CA_CERTIFICATE), get(machine, ConfigKey.TLS_CA_CERTIFICATE))
                .map(Path::of);
    }

    /** Whether calls use TURN relays only ({@code ice.relayOnly=true}, per-user or machine-wide). */
    public boolean relayOnly() {
        return firstOf(get(user, ConfigKey.ICE_RELAY_ONLY), get(machine, ConfigKey.ICE_RELAY_ONLY))
                .map(Boolean::parseBoolean).orElse(false);
    }

    /** Whether the doctor chose to have the camera turned off by itself while a call's quality stays poor. */
    public boolean autoVideoOff() {
        return firstOf(get(user, ConfigKey.CALL_AUTO_VIDEO_OFF), get(machine, ConfigKey.CALL_AUTO_VIDEO_OFF))
                .map(Boolean::parseBoolean).orElse(false);
    }

    /** A chosen device (camera, microphone or speaker) by name; empty means the system default. */
    public Optional<String> device(ConfigKey deviceKey) {
        return firstOf(get(user, deviceKey), get(machine, deviceKey));
    }

    /** The language chosen in the settings (per-user first, then machine-wide), as a tag such as {@code de}. */
    public Optional<String> language() {
        return firstOf(get(user, ConfigKey.UI_LANGUAGE), get(machine, ConfigKey.UI_LANGUAGE));
    }

    /** Any key's value, per-user first, then machine-wide. */
    public Optional<String> value(ConfigKey key) {
        return firstOf(get(user, key), get(machine, key));
    }

    /** Where the files are. */
    public ConfigLocations locations() {
        return locations;
    }

    /**
     * Stores values in the per-user file (a null value removes the key) and keeps the rest of the file. Written to
     * a temporary file first and moved over, so a crash never leaves half a file.
     */
    public synchronized void remember(Map<ConfigKey, String> values) {
        Properties fresh = read(locations.userFile());
        values.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                fresh.remove(key.key());
            } else {
                fresh.setProperty(key.key(), value.strip());
            }
        });
        Path file = locations.userFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "console", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                fresh.store(out, "CareCall console, per-user settings");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        synchronized (user) {
            user.clear();
            user.putAll(fresh);
        }
    }

    /** Stores one value in the per-user file. */
    public void remember(ConfigKey key, String value) {
        Map<ConfigKey, String> one = new EnumMap<>(ConfigKey.class);
        one.put(key, value);
        remember(one);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            // Normal: most machines have no machine-wide file, and a new user has no per-user file yet.
        } catch (IOException | IllegalArgumentException e) {
            // A broken settings file must not keep a doctor out: the sign-in screen asks for what is missing.
            LOG.log(Level.WARNING, "Ignoring unreadable settings file " + file, e);
        }
        return properties;
    }

    private static String get(Properties properties, ConfigKey key) {
        synchronized (properties) {
            return CommandLine.blankToNull(properties.getProperty(key.key()));
        }
    }

    @SafeVarargs
    private static <T> Optional<T> firstOf(T... values) {
        for (T value : values) {
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
