package dev.carecall.console.i18n;

import dev.carecall.console.testing.EnglishLeftovers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message bundles: every language has every key, the same placeholders, and every key the code asks for. */
class MessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /** A string literal in the code that names a text: it starts with one of the bundle's sections. */
    private static final Pattern KEY_LITERAL =
            Pattern.compile("\"((?:app|signIn|appointments|history|call|chat|settings|check|problem|format|waiting|readiness)\\.[A-Za-z.]+)\"");

    private static Properties bundle(Language language) {
        return EnglishLeftovers.catalogue(language == Language.ENGLISH ? "" : language.tag());
    }

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() {
        Set<String> english = new TreeSet<>(bundle(Language.ENGLISH).stringPropertyNames());
        for (Language language : Language.values()) {
            Set<String> keys = new TreeSet<>(bundle(language).stringPropertyNames());
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(keys);
            Set<String> extra = new TreeSet<>(keys);
            extra.removeAll(english);
            assertTrue(missing.isEmpty() && extra.isEmpty(), language + " misses " + missing + ", has extra " + extra);
        }
    }

    @Test
    void everyTranslationKeepsThePlaceholders() {
        Properties english = bundle(Language.ENGLISH);
        for (Language language : Language.values()) {
            Properties other = bundle(language);
            for (String key : english.stringPropertyNames()) {
                assertEquals(placeholders(english.getProperty(key)), placeholders(other.getProperty(key)),
                        language + " " + key);
                assertTrue(!other.getProperty(key).isBlank(), language + " " + key + " is empty");
            }
        }
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        Properties english = bundle(Language.ENGLISH);
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(source));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.endsWith(".css")) {
                        continue; // a view's style sheet, not a text
                    }
                    // PlainLanguage.naming adds the other party's role to a key.
                    boolean perRole = english.containsKey(key + ".patient") && english.containsKey(key + ".doctor");
                    if (!english.containsKey(key) && !perRole) {
                        unknown.add(source.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), "no text for " + unknown);
    }

    @Test
    void theChosenLanguageWinsThenTheSystemsThenEnglish() {
        assertEquals(Language.GERMAN, Language.choose(Optional.of("de"), Locale.US));
        assertEquals(Language.ENGLISH, Language.choose(Optional.of("en"), Locale.GERMANY));
        assertEquals(Language.GERMAN, Language.choose(Optional.empty(), Locale.forLanguageTag("de-AT")));
        assertEquals(Language.GERMAN, Language.choose(Optional.of("fr"), Locale.forLanguageTag("de-CH")));
        assertEquals(Language.ENGLISH, Language.choose(Optional.empty(), Locale.FRANCE));
        assertEquals(Language.ENGLISH, Language.choose(Optional.of(" "), Locale.ROOT));
        assertEquals(Optional.of(Language.GERMAN), Language.of("de_DE"));
    }

    @Test
    void textsFillPlaceholdersAndKeepApostrophes() {
        Texts english = Texts.of(Language.ENGLISH);
        assertEquals("Waiting for Maria Silva's video...",
                english.get("call.remote.waitingForVideo", "Maria Silva"));
        assertEquals("Warten auf das Video von Maria Silva...",
                Texts.of(Language.GERMAN).get("call.remote.waitingForVideo", "Maria Silva"));
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }
}
