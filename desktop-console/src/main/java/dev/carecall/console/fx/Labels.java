package dev.carecall.console.fx;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The labels the console's lists and cards share, so each screen wraps and hides its texts the same way. */
public final class Labels {
    private Labels() {
    }

    /** A status or error line under a title: takes no room while its text is empty, wraps when it is long. */
    public static Label message(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    /** A short text that must show whole (a time, a figure): never narrower than its words. */
    public static Label fixed(String text, String... styles) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styles);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** A sentence that wraps in the width it gets and keeps the height its lines need. */
    public static Label wrapping(String text, String... styles) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styles);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
