package dev.carecall.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shared JSON fixtures of every wire message ({@code src/test/resources/fixtures}). Other modules' tests get
 * them through this module's test-jar; the patient page's tests read the same files from disk.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The text of {@code fixtures/client/NAME.json}. */
    public static String client(String name) {
        return read("fixtures/client/" + name + ".json");
    }

    /** The text of {@code fixtures/server/room/NAME.json}: a message of a room socket. */
    public static String room(String name) {
        return read("fixtures/server/room/" + name + ".json");
    }

    /** The text of {@code fixtures/server/lobby/NAME.json}: a message of the lobby socket. */
    public static String lobby(String name) {
        return read("fixtures/server/lobby/" + name + ".json");
    }

    /** The text of a fixture file under {@code fixtures/}. */
    public static String read(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
