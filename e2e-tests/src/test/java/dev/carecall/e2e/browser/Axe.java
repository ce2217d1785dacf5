package dev.carecall.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.Dimension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The axe-core accessibility audit, injected into the page by the test. axe-core comes from the npm registry at build
 * time (the e2e-tests pom installs it under target/axe); nothing of it is in the repository.
 */
public final class Axe {
    private static final Path SCRIPT = Path.of(System.getProperty("carecall.axe",
            "target/axe/node_modules/axe-core/axe.min.js"));
    private static String source;

    private Axe() {
    }

    private static synchronized String source() {
        if (source == null) {
            try {
                source = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing at " + SCRIPT.toAbsolutePath()
                        + " (the e2e-tests build installs it with npm)", e);
            }
        }
        return source;
    }

    /**
     * Runs the audit on the page as it is now (WCAG 2.1 A and AA rules and axe's best practices) and returns each
     * serious or critical violation as one readable line: rule, impact, what it means, where.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(PatientBrowser page) {
        if (!Boolean.TRUE.equals(page.script("return !!window.axe;"))) {
            try {
                page.script("(0, eval)(arguments[0]);", source());
            } catch (RuntimeException e) {
                // The exception would repeat the whole of axe-core; its first line says what went wrong.
                throw new AssertionError("could not inject axe-core: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return (List<String>) page.script("""
                return window.axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations
                  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                  .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                    + v.nodes.map((n) => n.target.join(' ') + ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']')
                      .join('; ')));""", source());
    }

    /** Audits the page as it is at each size and fails with the violations found; leaves it at the last size. */
    public static void assertNoSeriousViolations(PatientBrowser page, String state, List<Dimension> sizes) {
        for (Dimension size : sizes) {
            page.resize(size);
            assertEquals(List.of(), seriousViolations(page), "[" + page + "] axe in state '" + state + "' at " + size);
        }
    }
}
