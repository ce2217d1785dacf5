package dev.carecall.console.call;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.Map;

/**
 * The call's keyboard shortcuts, as video-call programs doctors know use them: Ctrl+Shift+M the microphone,
 * Ctrl+Shift+O the camera, Ctrl+Shift+H hang up (Cmd instead of Ctrl on a Mac). Ctrl+Shift with a letter is not a
 * text field's key, so they work while the doctor types in the chat and never type a letter into it. Each presses
 * its button (a disabled button stays unpressed), so the button's tooltip, its state and the shortcut agree.
 */
final class CallShortcuts {
    static final KeyCombination MICROPHONE = KeyCombination.keyCombination("Shortcut+Shift+M");
    static final KeyCombination CAMERA = KeyCombination.keyCombination("Shortcut+Shift+O");
    static final KeyCombination END = KeyCombination.keyCombination("Shortcut+Shift+H");

    private CallShortcuts() {
    }

    /** Presses the button of a shortcut pressed anywhere inside {@code root}, before the focused control sees it. */
    static void install(Node root, Map<KeyCombination, Button> buttons) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> buttons.forEach((keys, button) -> {
            if (!e.isConsumed() && keys.match(e)) {
                e.consume();
                if (!button.isDisabled()) {
                    button.fire();
                }
            }
        }));
    }
}
