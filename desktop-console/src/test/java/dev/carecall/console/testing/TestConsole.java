package dev.carecall.console.testing;

import dev.carecall.console.ConsoleShell;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.media.MediaSettings;
import javafx.stage.Stage;

import java.nio.file.Path;

/** Opens the console's real window in a TestFX stage, with settings files in a test folder. */
public final class TestConsole {
    private TestConsole() {
    }

    /** The settings files of a test, in {@code dir}. */
    public static ConfigLocations locations(Path dir) {
        return new ConfigLocations(dir.resolve("user/console.properties"), dir.resolve("machine/console.properties"));
    }

    /**
     * Shows the console's sign-in screen in {@code stage}, configured by {@code args}; calls send the synthetic
     * test picture and use headless audio, as on a machine without devices.
     */
    public static ConsoleShell open(Stage stage, Path dir, String... args) {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.parse(args), null, locations(dir));
        ConsoleShell shell = new ConsoleShell(stage, config, MediaSettings::synthetic);
        shell.start();
        return shell;
    }

    /** Like {@link #open} but with the media settings the real console uses (the devices of this machine). */
    public static ConsoleShell openWithRealDevices(Stage stage, Path dir, String... args) {
        ConsoleConfig config = ConsoleConfig.load(CommandLine.parse(args), null, locations(dir));
        ConsoleShell shell = new ConsoleShell(stage, config, () -> ConsoleShell.configuredMedia(config));
        shell.start();
        return shell;
    }
}
