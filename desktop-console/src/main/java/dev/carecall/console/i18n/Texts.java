package dev.carecall.console.i18n;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.Logger;

/**
 * The console's words in one language: {@code messages.properties} (English) and {@code messages_<tag>.properties}
 * beside this class, the same keys in each. Placeholders are {@code {0}}, {@code {1}}... and are replaced as they
 * stand (no {@link java.text.MessageFormat} quoting rules, so an apostrophe is just an apostrophe). Immutable.
 */
public final class Texts {
    /** The bundles' base name. */
    public static final String BUNDLE = "dev.carecall.console.i18n.messages";
    private static final Logger LOG = Logger.getLogger(Texts.class.getName());

    private final Language language;
    private final ResourceBundle bundle;
    private final DateTimeFormatter time;
    private final DateTimeFormatter day;

    private Texts(Language language) {
        this.language = language;
        // No fallback to the JVM's default locale: German must never pick up a French system's bundle.
        this.bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.time = DateTimeFormatter.ofPattern(get("format.time"), language.locale());
        this.day = DateTimeFormatter.ofPattern(get("format.day"), language.locale());
    }

    public static Texts of(Language language) {
        return new Texts(language);
    }

    public Language language() {
        return language;
    }

    public Locale locale() {
        return language.locale();
    }

    /** The text of {@code key} with {@code {0}}, {@code {1}}... replaced by the arguments. */
    public String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            // A test checks every bundle has every key; should one slip through, show the key, not a crash.
            LOG.warning(() -> "no text for " + key + " in " + language);
            return key;
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** Hours and minutes ("14:30"). */
    public DateTimeFormatter time() {
        return time;
    }

    /** A day of the week and month ("Fri 27 Nov", "Fr., 27. Nov."). */
    public DateTimeFormatter day() {
        return day;
    }
}
