package dev.carecall.console;

import dev.carecall.console.connectivity.CheckCommand;
import javafx.application.Application;

/**
 * Starts the doctor's console. Kept apart from {@link CareCallApp} on purpose: when the class named in the manifest
 * extends {@code Application}, the Java launcher insists on JavaFX being on the module path and refuses to start
 * from the plain class path that {@code java -jar} and the installer use.
 */
public final class Main {
    private Main() {
    }

    /**
     * @param args {@code --server=URL} and {@code --username=NAME}, both optional; {@code --check} runs IT's
     *             connectivity check on the command line instead of opening the window
     */
    public static void main(String[] args) {
        if (CheckCommand.wanted(args)) {
            System.exit(CheckCommand.run(args, System.out));
        }
        Application.launch(CareCallApp.class, args);
        // Socket and WebRTC threads must not keep a closed console alive in the background.
        System.exit(0);
    }
}
