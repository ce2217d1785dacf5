package dev.carecall.backend;

import dev.carecall.backend.admin.AdminCommands;
import dev.carecall.backend.appointments.ApiContext;
import dev.carecall.backend.appointments.ApiRoutes;
import dev.carecall.backend.appointments.RevocationRoutes;
import dev.carecall.backend.appointments.PublicAddress;
import dev.carecall.backend.demo.DemoSeeder;
import dev.carecall.backend.integration.IntegrationRoutes;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.invitations.InvitationRoutes;
import dev.carecall.backend.observe.AccessLog;
import dev.carecall.backend.observe.HttpRequests;
import dev.carecall.backend.observe.Meters;
import dev.carecall.backend.observe.ReadinessCheck;
import dev.carecall.backend.observe.SocketLogContext;
import dev.carecall.backend.patientpage.PatientPageRoutes;
import dev.carecall.backend.room.LobbySocket;
import dev.carecall.backend.room.RoomSocket;
import dev.carecall.backend.room.SocketSettings;
import dev.carecall.backend.security.SecurityHeaders;
import dev.carecall.backend.security.WebSocketOrigins;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Command line: {@code java -jar signaling-backend.jar [--demo] [--port=N]}. Without {@code --demo} the settings
 * come from {@code application.yaml} and the environment (HTTPS 8443, WSS 8444). {@link #setup} is the one web
 * server set-up, which production, the demo and every test share.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** The request line: a join link with its token is a few hundred characters. */
    static final int MAX_PROLOGUE = 4096;
    /** All headers of a request together: a token is under 1 KiB, browsers send a few KiB. */
    static final int MAX_HEADERS = 16 * 1024;

    private Main() {
    }

    /**
     * Sets up the web server in front of the backend, as the Helidon examples do: listeners (and TLS), REST, the
     * WebSocket rooms and lobby, the patient page, {@code /observe/health} and {@code /observe/metrics}, the access
     * log and request ids. {@link CareCallServer#start} builds and starts the server from it.
     */
    public static void setup(WebServerConfig.Builder server, Backend backend) {
        BackendSettings settings = backend.settings;
        ServerSettings listen = settings.server();
        SocketSettings sockets = settings.sockets();
        BoundWebSocketPort webSocketPort = new BoundWebSocketPort(listen.webSocketPort() != null);
        PublicAddress address = new PublicAddress(listen.publicUrl(), listen.webSocketUrl(), webSocketPort);
        ApiContext context = new ApiContext(backend.codec, backend.tokens, backend.store, backend.access,
                backend.joinLinks, address, backend.invitations::status);
        ApiRoutes api = new ApiRoutes(context, backend.signIn, backend.calls, CareCallServer.version());
        RevocationRoutes revocation = new RevocationRoutes(context, backend.signIn, backend.revokedTokens,
                backend.calls, backend.clock);

        boolean secure = settings.tls() != null;
        Set<String> pageOrigins = new LinkedHashSet<>(PublicAddress.pageOrigins(listen.publicUrl(), listen.host(),
                listen.port(), secure));
        pageOrigins.addAll(listen.webSocketOrigins());
        WebSocketOrigins origins = new WebSocketOrigins(pageOrigins);
        WsRouting.Builder ws = WsRouting.builder()
                .endpoint("/ws/appointments/{appointmentId}", () -> origins.around(SocketLogContext.around(
                        new RoomSocket(backend.calls, backend.tokens, backend.codec, backend.timer,
                                sockets.registerTimeout(), sockets.roomKeepAlive(), backend.metrics, settings.relay()))))
                .endpoint("/ws/lobby", () -> origins.around(SocketLogContext.around(
                        new LobbySocket(backend.calls, backend.tokens, backend.codec, backend.timer,
                                sockets.registerTimeout(), sockets.keepAlive(), backend.metrics, settings.relay()))));
        HttpRouting.Builder http = HttpRouting.builder()
                .addFilter(new SecurityHeaders(backend.codec, address, secure))
                .addFeature(webSocketPort)
                .register("/api/integration/v1", new IntegrationRoutes(backend.integration, backend.joinLinks,
                        address))
                .register("/api/appointments", new InvitationRoutes(context, backend.invitations))
                // Before the API's own routes, whose last one answers every path it does not know.
                .register("/api", revocation)
                .register("/api", api);
        PatientPageRoutes.register(http);
        ErrorResponses.register(http, backend.codec);

        var health = HealthObserver.builder()
                // The port is public: UP (204) or DOWN (503), never which part failed.
                .details(false)
                // A pooled connection that answers within two seconds.
                .addCheck(new ReadinessCheck("database", () -> backend.database.isAlive(2)))
                // A draining instance (it is stopping) is not ready: the load balancer sends new requests elsewhere.
                .addCheck(new ReadinessCheck("serving", () -> !backend.calls.draining()));
        if (backend.redis != null) {
            // While Redis is gone, rooms whose parties sit on different instances cannot pass anything on.
            health.addCheck(new ReadinessCheck("redis", backend.redis::ping));
        }
        server.host(listen.host())
                .port(listen.port())
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .maxPayloadSize(SecurityHeaders.MAX_BODY)
                .connectionOptions(Main::connectionOptions)
                .directHandlers(SecurityHeaders.directHandlers(backend.codec))
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_PROLOGUE).maxHeadersSize(MAX_HEADERS).build())
                .addFeature(ObserveFeature.builder()
                        .addObserver(health.build())
                        .addObserver(MetricsObserver.builder()
                                .metricsConfig(Meters.CONFIG)
                                .meterRegistry(backend.meterRegistry)
                                .build())
                        .build())
                .addFeature(AccessLog.feature())
                .addFeature(HttpRequests.onEverySocket(backend.meterRegistry))
                .routing(http);
        Tls tls = settings.tls() == null ? null : tls(settings.tls());
        if (tls != null) {
            server.tls(tls);
        }
        if (listen.webSocketPort() == null) {
            server.addRouting(ws);
        } else {
            // Helidon refuses a browser's upgrade whose Origin differs from the Host it reached, which on a port of
            // the WebSocket's own is always so: the patient page's origin is allowed explicitly.
            if (pageOrigins.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "The WebSocket has a port of its own but carecall.url is "
                        + "not set: browsers' connections to it will be refused. Set carecall.url to the "
                        + "public address of the patient page, e.g. https://clinic.example.org:8443.");
            }
            server.putSocket(CareCallServer.WEBSOCKET_SOCKET, socket -> {
                socket.host(listen.host()).port(listen.webSocketPort()).addRouting(ws)
                        .maxPayloadSize(SecurityHeaders.MAX_BODY)
                        .connectionOptions(Main::connectionOptions)
                        .addProtocol(Http1Config.builder().maxPrologueLength(MAX_PROLOGUE)
                                .maxHeadersSize(MAX_HEADERS).build())
                        .addProtocol(WsConfig.builder().name("websocket").origins(pageOrigins).build());
                if (tls != null) {
                    socket.tls(tls);
                }
            });
        }
    }

    /**
     * Every message on a socket is one small frame that its client waits for (a {@code registered}, a relayed ICE
     * candidate): with Nagle's algorithm on, Helidon's default, a frame written while the one before is not yet
     * acknowledged waits for the client's delayed ACK, up to 40 ms on Linux, which was most of a room's set-up time.
     */
    private static void connectionOptions(SocketOptions.Builder options) {
        options.tcpNoDelay(true);
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
                        + "--at=2026-05-04T09:30:00Z [--paid]\n"
                        + "       java -jar signaling-backend.jar --add-service-key --name=booking "
                        + "--scopes=appointments:write,payments:write,doctors:write [--webhook-url=https://...]\n"
                        + "       java -jar signaling-backend.jar --revoke-service-key --name=booking\n"
                        + "       java -jar signaling-backend.jar --list-service-keys");
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
        // Shown here only: the demo database is made anew at each start, and with it this key.
        String key = server.addServiceKey("demo-booking", EnumSet.allOf(Scope.class), null).key();
        System.out.println("The clinic's booking system (integration API, see \"Connecting your booking system\" in "
                + "README.md) uses this service key:");
        System.out.println("  " + key);
        System.out.println("Book a paid appointment for demo-doctor; the invitation mail lands in "
                + Path.of("data", "mail").toAbsolutePath() + ", SMS in this log:");
        System.out.println("  curl -fsS -X POST " + server.baseUri() + "/api/integration/v1/appointments \\\n"
                + "    -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\\n"
                + "    -H 'Idempotency-Key: demo-1' \\\n"
                + "    -d '{\"externalId\":\"demo-1\",\"doctorUsername\":\"" + DemoSeeder.DOCTOR + "\","
                + "\"patientName\":\"Lea Brandt\",\"scheduledAt\":\"" + java.time.Instant.now().plusSeconds(900)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + "\",\"paid\":true,"
                + "\"email\":\"lea.brandt@example.org\",\"phone\":\"+4915112345678\"}'");
        System.out.println();
        return server;
    }

    private static CareCallServer startProduction(Integer port) {
        BackendSettings settings = BackendSettings.fromConfig(Config.create());
        return CareCallServer.start(port == null ? settings : settings.withPort(port));
    }

    /**
     * The WebSocket's own port as bound, for {@code /api/info}: known only once the server listens (0 picks a free
     * one), so it is read when the server has started; 0 while the WebSocket shares the HTTP port.
     */
    private static final class BoundWebSocketPort implements HttpFeature, IntSupplier {
        private final boolean ownPort;
        private volatile int port;

        BoundWebSocketPort(boolean ownPort) {
            this.ownPort = ownPort;
        }

        @Override
        public void setup(HttpRouting.Builder routing) {
        }

        @Override
        public void afterStart(WebServer server) {
            if (ownPort) {
                port = server.port(CareCallServer.WEBSOCKET_SOCKET);
            }
        }

        @Override
        public int getAsInt() {
            return port;
        }
    }

    private static Tls tls(BackendSettings.TlsFiles files) {
        Keys keys = Keys.builder().pem(pem -> pem
                        .key(Resource.create(files.privateKey()))
                        .certChain(Resource.create(files.certificate())))
                .build();
        return Tls.builder().privateKey(keys).privateKeyCertChain(keys).build();
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
