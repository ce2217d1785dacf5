package dev.carecall.console;

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
     * @param args {@code --server=URL} and {@code --username=NAME}, both optional
     */
    public static void main(String[] args) {
        Application.launch(CareCallApp.class, args);
        // Socket and WebRTC threads must not keep a closed console alive in the background.
        System.exit(0);
    }
}
