package dev.carecall.backend;

import dev.carecall.backend.admin.AdminCommands;
import dev.carecall.backend.demo.DemoSeeder;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code java -jar signaling-backend.jar [--demo] [--port=N]}. Without {@code --demo} the settings
 * come from {@code application.yaml} and the environment (HTTPS 8443, WSS 8444).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (AdminCommands.isAdmin(args)) {
            admin(args);
            return;
        }
        boolean demo = false;
        Integer port = null;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else {
                System.err.println("Usage: java -jar signaling-backend.jar [--demo] [--port=N]\n"
                        + "       java -jar signaling-backend.jar --add-doctor --username=U \"--name=Dr. N\"\n"
                        + "       java -jar signaling-backend.jar --add-appointment --doctor=U \"--patient=Name\" "
                        + "--at=2026-05-04T09:30:00Z [--paid]");
                System.exit(2);
            }
        }
        CareCallServer server;
        try {
            server = demo ? startDemo(port == null ? 8080 : port) : startProduction(port);
        } catch (CareCallException e) {
            System.err.println("CareCall backend cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            // e.g. the port is taken or the database is unreachable: the log line above has the details
            System.getLogger(Main.class.getName()).log(System.Logger.Level.ERROR, "start failed", e);
            System.err.println("CareCall backend cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "carecall-shutdown"));
        System.out.println("CareCall backend " + CareCallServer.version() + " listening on " + server.baseUri()
                + " (WebSocket " + server.webSocketBaseUri() + ")");
    }

    private static void admin(String[] args) {
        try {
            String password = null;
            if (args[0].equals("--add-doctor")) {
                password = System.getenv("CARECALL_NEW_PASSWORD");
                if (password == null && System.console() != null) {
                    password = new String(System.console().readPassword("Password for the new doctor: "));
                }
            }
            AdminCommands commands = new AdminCommands(BackendSettings.fromConfig(Config.create()),
                    java.time.Clock.systemUTC());
            System.out.println(commands.run(args, password));
        } catch (CareCallException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static CareCallServer startDemo(int port) {
        Path data = Path.of("data");
        // The demo starts from the same known state every time: its appointments are "today".
        deleteDemoDatabase(data);
        CareCallServer server = CareCallServer.start(BackendSettings.demo(port, data));
        DemoData d = server.demo();
        System.out.println();
        System.out.println("CareCall demo at " + server.baseUri());
        System.out.println("Doctors sign in as " + DemoSeeder.DOCTOR + " / " + DemoSeeder.PASSWORD + " (or "
                + DemoSeeder.OTHER_DOCTOR + " / " + DemoSeeder.PASSWORD + ").");
        System.out.println("Patients' join links:");
        System.out.println("  paid appointment (Maria Schneider):       " + server.patientJoinUrl(d.paidAppointmentId()));
        System.out.println("  unpaid appointment (James O'Connor):      " + server.patientJoinUrl(d.unpaidAppointmentId()));
        System.out.println("  appointment with an ended call (Aisha Rahman): "
                + server.patientJoinUrl(d.endedCallAppointmentId()));
        System.out.println("  demo-doctor-2's appointment (Tomás Álvarez): "
                + server.patientJoinUrl(d.otherDoctorAppointmentId()));
        System.out.println();
        return server;
    }

    private static CareCallServer startProduction(Integer port) {
        BackendSettings settings = BackendSettings.fromConfig(Config.create());
        return CareCallServer.start(port == null ? settings : settings.withPort(port));
    }

    private static void deleteDemoDatabase(Path data) {
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(data.resolve("carecall-demo.mv.db"));
            Files.deleteIfExists(data.resolve("carecall-demo.trace.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
