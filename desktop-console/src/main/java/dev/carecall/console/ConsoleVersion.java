package dev.carecall.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The console's version. The jar's manifest has it (Implementation-Version), but tests run from class folders
 * without a manifest, so the build also writes it into a resource that both read.
 */
public final class ConsoleVersion {
    private static final String VERSION = read();

    private ConsoleVersion() {
    }

    /** E.g. "1.0.0". */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        String fromManifest = ConsoleVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = ConsoleVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
