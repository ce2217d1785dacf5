package dev.carecall.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carecall.e2e.browser.PatientBrowser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The page's message catalogues, read from the patient-web sources, to tell whether a page shows English. */
final class Catalogue {
    private static final Path MESSAGES = Path.of("..", "patient-web", "src", "main", "resources", "carecall",
            "patient-web", "messages");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

    private Catalogue() {
    }

    static Map<String, String> read(String language) {
        try {
            return new ObjectMapper().readValue(MESSAGES.resolve(language + ".json").toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every English text of the catalogue that shows on the page (its words, its labels for screen readers, its
     * title), where the other language's text differs. Texts with placeholders are checked piece by piece; pieces
     * the translation shares ("CareCall – ") and whole words the languages share ("Chat") do not count.
     */
    static List<String> englishOn(PatientBrowser page, Map<String, String> translation) {
        String shown = String.valueOf(page.script("""
                const parts = [document.title, document.body.textContent];
                for (const e of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
                  for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
                    if (e.hasAttribute(a)) parts.push(e.getAttribute(a));
                  }
                }
                return parts.join('\\n');"""));
        List<String> found = new ArrayList<>();
        read("en").forEach((key, english) -> {
            String other = translation.get(key);
            if (english.equals(other)) {
                return;
            }
            for (String piece : PLACEHOLDER.split(english)) {
                String p = piece.strip();
                if (p.length() < 4 || !p.matches(".*\\p{L}.*") || other.contains(p)) {
                    continue;
                }
                if (Pattern.compile("(?<!\\p{L})" + Pattern.quote(p) + "(?!\\p{L})").matcher(shown).find()) {
                    found.add(key + ": \"" + p + "\"");
                }
            }
        });
        return found;
    }
}
