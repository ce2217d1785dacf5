package dev.carecall.e2e.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration examples shipped under {@code deploy/}: the tests start coturn and nginx from them, so what the
 * README hands to IT is what was proven.
 */
final class DeployExamples {
    static final String COTURN = "coturn/turnserver.conf";
    static final String NGINX = "nginx/carecall.conf";

    private DeployExamples() {
    }

    /** The file's text (the tests run in e2e-tests/, beside deploy/). */
    static String text(String name) {
        Path file = Path.of(System.getProperty("carecall.deploy", "../deploy")).resolve(name);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped example " + file.toAbsolutePath() + " is missing", e);
        }
    }

    /** The file's settings: without comments and blank lines. */
    static List<String> lines(String name) {
        return text(name).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
