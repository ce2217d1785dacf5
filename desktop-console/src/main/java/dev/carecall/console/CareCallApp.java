package dev.carecall.console;

import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConsoleConfig;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.logging.Logger;

/** The JavaFX application: reads the configuration and opens the console's window. */
public final class CareCallApp extends Application {
    private static final Logger LOG = Logger.getLogger(CareCallApp.class.getName());
    private ConsoleShell shell;

    @Override
    public void start(Stage stage) {
        CommandLine commandLine = CommandLine.parse(getParameters().getRaw().toArray(String[]::new));
        if (!commandLine.ignored().isEmpty()) {
            LOG.warning("Ignoring unknown arguments " + commandLine.ignored());
        }
        ConsoleConfig config = ConsoleConfig.load(commandLine);
        shell = new ConsoleShell(stage, config, () -> ConsoleShell.configuredMedia(config));
        shell.start();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
    }
}
