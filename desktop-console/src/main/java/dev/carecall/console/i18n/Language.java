package dev.carecall.console.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages the console speaks, each with a message bundle of the same keys. */
public enum Language {
    ENGLISH("en", "English"),
    GERMAN("de", "Deutsch");

    private final String tag;
    private final String nativeName;

    Language(String tag, String nativeName) {
        this.tag = tag;
        this.nativeName = nativeName;
    }

    /** The language tag written in the settings file ({@code en}, {@code de}). */
    public String tag() {
        return tag;
    }

    /** The language's name in itself ("Deutsch"), as language pickers show it whatever language is on. */
    public String nativeName() {
        return nativeName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** The language of a tag or locale name ({@code de}, {@code de-AT}, {@code de_CH}), if the console has it. */
    public static Optional<Language> of(String tagOrLocale) {
        if (tagOrLocale == null || tagOrLocale.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tagOrLocale.strip().replace('_', '-')).getLanguage();
        return Arrays.stream(values()).filter(l -> l.tag.equals(language)).findFirst();
    }

    /**
     * The language to use: the one chosen in the settings if the console has it, else the system's if the console
     * has it, else English.
     */
    public static Language choose(Optional<String> configured, Locale system) {
        return configured.flatMap(Language::of)
                .or(() -> of(system.toLanguageTag()))
                .orElse(ENGLISH);
    }
}
