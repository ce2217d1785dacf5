package dev.carecall.console.connectivity;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.ServerAddress;
import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;

import java.io.Console;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code CareCall --check}: the connectivity check on the command line, one plain line per step, for IT, in the
 * language chosen in the settings ({@code ui.language}, else the system's). Exit code
 * 0 when everything tried works, 1 when a step failed, 2 for a usage mistake, 3 when STUN, TURN and media could not
 * be tried without a sign-in.
 */
public final class CheckCommand {
    /** The option that selects the check instead of the window. */
    public static final String OPTION = "--check";
    /** Where {@code --username}'s password comes from when no terminal can ask for it. */
    public static final String PASSWORD_ENV = "CARECALL_PASSWORD";

    private CheckCommand() {
    }

    /** True if the command line asks for the check. */
    public static boolean wanted(String... args) {
        return List.of(args).contains(OPTION);
    }

    /** Runs the check with this machine's configuration; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        CommandLine commandLine = CommandLine.parse(args);
        Console console = System.console();
        // Only a real terminal can ask for the password; from a script the check runs without signing in.
        return run(commandLine, ConsoleConfig.load(commandLine), System.getenv(PASSWORD_ENV),
                console != null && console.isTerminal() ? console : null, out);
    }

    /** Runs the check with explicit configuration (tests). */
    public static int run(CommandLine commandLine, ConsoleConfig config, String passwordEnv, Console console,
                          PrintStream out) {
        CheckWords words = new CheckWords(Texts.of(Language.choose(config.language(), Locale.getDefault())));
        List<String> unknown = commandLine.ignored().stream().filter(a -> !a.equals(OPTION)).toList();
        if (!unknown.isEmpty()) {
            out.println(words.get("check.usage"));
            return 2;
        }
        Optional<String> server = config.serverUrl();
        if (server.isEmpty()) {
            out.println(words.get("check.noServer"));
            return 2;
        }
        URI base;
        try {
            base = ServerAddress.parse(server.get());
        } catch (ApiException e) {
            out.println(words.get("check.noServer"));
            return 2;
        }
        CareCallApi api = new CareCallApi(base, TlsTrust.sslContext(config.caCertificate()));
        ConnectivityCheck.Access access = ConnectivityCheck.Access.none();
        if (commandLine.username() != null) {
            String password = passwordEnv;
            if (password == null && console != null) {
                char[] typed = console.readPassword("%s ", words.get("check.password", commandLine.username()));
                password = typed == null ? null : new String(typed);
            }
            access = ConnectivityCheck.Access.signIn(commandLine.username(), password == null ? "" : password);
        }
        out.println(words.heading(base.toString()));
        List<CheckResult> results = new ConnectivityCheck(api).run(access, r -> {
            out.println(words.line(r));
            out.flush();
        });
        out.println(words.summary(results));
        if (results.stream().anyMatch(CheckResult::failed)) {
            return 1;
        }
        return CheckWords.incomplete(results) ? 3 : 0;
    }
}
