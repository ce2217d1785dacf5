package dev.carecall.e2e.topology;

import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.api.ServerAddress;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.connectivity.CheckCommand;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A doctor's PC as clinic IT sets it up: a machine-wide {@code console.properties} naming the server and the clinic's
 * CA ({@code tls.caCertificate}), optionally {@code ice.relayOnly=true}. Signs in and builds call settings the way
 * the console does (the WebSocket from {@code /api/info}), and runs {@code CareCall --check} in-process.
 */
public final class ConsoleMachine {
    private final ConsoleConfig config;
    private final String server;

    /** What {@code CareCall --check} printed and its exit code. */
    public record CheckRun(int exitCode, String output) {
    }

    public ConsoleMachine(Path directory, String serverUrl, Path caCertificate, boolean relayOnly) {
        this.server = serverUrl;
        List<String> lines = new ArrayList<>(List.of("server.url=" + serverUrl));
        if (caCertificate != null) {
            lines.add("tls.caCertificate=" + caCertificate);
        }
        if (relayOnly) {
            lines.add("ice.relayOnly=true");
        }
        Path machine = directory.resolve("etc-carecall-console.properties");
        try {
            Files.createDirectories(directory);
            Files.write(machine, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = ConsoleConfig.load(CommandLine.empty(), null,
                new ConfigLocations(directory.resolve("user-console.properties"), machine));
    }

    /** Signs the doctor in as the console's sign-in screen does: {@code /api/info}, then the password. */
    public DoctorSession signIn(String username, String password) {
        CareCallApi api = new CareCallApi(ServerAddress.parse(server), TlsTrust.sslContext(config.caCertificate()));
        return new DoctorSession(api, api.info(), api.login(username, password));
    }

    /** The call engine's settings for an appointment, as the console makes them. */
    public CallSettings callSettings(DoctorSession session, long appointmentId) {
        return new CallSettings(session.webSocketBaseUri(), appointmentId, session.token(), Role.DOCTOR,
                MediaSettings.synthetic(), session.api().tls(), config.relayOnly());
    }

    /** {@code CareCall --check --username=...} with the password from the environment, as IT runs it. */
    public CheckRun check(String username, String password) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandLine commandLine = CommandLine.parse("--check", "--username=" + username);
        int code = CheckCommand.run(commandLine, config, password, null, out);
        return new CheckRun(code, bytes.toString(StandardCharsets.UTF_8));
    }

    public ConsoleConfig config() {
        return config;
    }
}
