package dev.carecall.console.testing;

import dev.carecall.console.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.util.StringConverter;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds English on a screen that should speak another language: every text a person can see in the window (labels,
 * buttons, prompts, the choices of combo boxes, the title) is compared, a line at a time, with every text of the
 * English catalogue whose translation differs (proper names and formats, the same in both, are not English).
 */
public final class EnglishLeftovers {
    private final Map<String, Pattern> english = new LinkedHashMap<>();

    /** Compares against the English catalogue and the catalogue of {@code language} ({@code de}). */
    public EnglishLeftovers(String language) {
        Properties en = catalogue("");
        Properties other = catalogue(language);
        for (String key : en.stringPropertyNames()) {
            String text = en.getProperty(key);
            if (!key.startsWith("format.") && !text.equals(other.getProperty(key))) {
                english.put(key, template(text));
            }
        }
    }

    /** "key: line" for each English text seen; empty when the screen speaks only the other language. */
    public List<String> in(Stage stage) {
        List<String> lines = new ArrayList<>();
        lines.add(stage.getTitle());
        visibleTexts(stage.getScene(), lines);
        return in(lines);
    }

    /** "key: line" for each English text among {@code texts} (each may hold several lines). */
    public List<String> in(List<String> texts) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            for (String line : text.split("\\R")) {
                english.forEach((key, pattern) -> {
                    if (pattern.matcher(line.strip()).matches()) {
                        found.add(key + ": " + line.strip());
                    }
                });
            }
        }
        return found;
    }

    /**
     * The texts a person cannot read in full: cut off with an ellipsis because the words of this language are
     * longer than the place they got.
     */
    public static List<String> truncated(Stage stage) {
        List<String> cut = new ArrayList<>();
        for (Node node : stage.getScene().getRoot().lookupAll("*")) {
            if (shown(node) && node instanceof Labeled labeled && labeled.isTextTruncated()) {
                cut.add(labeled.getText());
            }
        }
        return cut;
    }

    /** How many texts a screen shows, to be sure a walk looked at something. */
    public static int countTexts(Stage stage) {
        List<String> lines = new ArrayList<>();
        visibleTexts(stage.getScene(), lines);
        return (int) lines.stream().filter(line -> !line.isBlank()).count();
    }

    private static void visibleTexts(Scene scene, List<String> into) {
        for (Node node : scene.getRoot().lookupAll("*")) {
            if (!shown(node)) {
                continue;
            }
            if (node instanceof Labeled labeled && labeled.getText() != null) {
                into.add(labeled.getText());
            }
            if (node instanceof TextInputControl input && input.getPromptText() != null) {
                into.add(input.getPromptText());
            }
            if (node instanceof ComboBox<?> box) {
                choices(box, into);
            }
        }
    }

    private static <T> void choices(ComboBox<T> box, List<String> into) {
        StringConverter<T> names = box.getConverter();
        for (T item : box.getItems()) {
            into.add(names != null ? names.toString(item) : String.valueOf(item));
        }
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The English text as a pattern: each {0}, {1}... stands for any text (a name, a time, an address). */
    private static Pattern template(String text) {
        String[] parts = text.split("\\{\\d+}", -1);
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            quoted.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".+?", quoted));
    }

    /** The message bundle of a language tag as it is in the file ({@code ""}: the English one), read as UTF-8. */
    public static Properties catalogue(String tag) {
        String name = "messages" + (tag.isEmpty() ? "" : "_" + tag) + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
