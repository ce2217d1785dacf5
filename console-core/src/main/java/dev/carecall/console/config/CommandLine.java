package dev.carecall.console.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's command line: {@code --server=URL} and {@code --username=NAME}, both optional.
 *
 * @param server   the server address given with {@code --server}, or null
 * @param username the user name given with {@code --username}, or null
 * @param ignored  arguments the console does not know (reported once at start, never fatal: a shortcut with an
 *                 old flag must still open the console)
 */
public record CommandLine(String server, String username, List<String> ignored) {

    /** Reads the arguments {@code main} received. */
    public static CommandLine parse(String... args) {
        String server = null;
        String username = null;
        List<String> ignored = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--server=")) {
                server = blankToNull(arg.substring("--server=".length()));
            } else if (arg.startsWith("--username=")) {
                username = blankToNull(arg.substring("--username=".length()));
            } else {
                ignored.add(arg);
            }
        }
        return new CommandLine(server, username, List.copyOf(ignored));
    }

    /** The command line without arguments. */
    public static CommandLine empty() {
        return new CommandLine(null, null, List.of());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
