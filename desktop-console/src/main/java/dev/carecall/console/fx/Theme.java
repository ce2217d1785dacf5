package dev.carecall.console.fx;

/** The shared look (fonts, colours, buttons, messages) that every screen's own CSS builds on. */
public final class Theme {
    private Theme() {
    }

    /** The shared style sheet, for a scene. */
    public static String stylesheet() {
        return Theme.class.getResource("theme.css").toExternalForm();
    }
}
