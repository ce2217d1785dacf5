package dev.carecall.backend;

import dev.carecall.backend.appointments.ApiRoutes;
import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.appointments.PublicAddress;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.demo.DemoSeeder;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.patientpage.PatientPageRoutes;
import dev.carecall.backend.room.Calls;
import dev.carecall.backend.room.Lobby;
import dev.carecall.backend.room.LobbySocket;
import dev.carecall.backend.room.RoomSocket;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.DatabaseHealthCheck;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running CareCall backend: REST, the WebSocket rooms and lobby, the patient page and health, on one Helidon SE
 * server (and, in production, a second socket for the WebSocket). Other modules' tests embed it through
 * {@link #startForTests()}; {@link Main} starts it from the command line.
 */
public final class CareCallServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CareCallServer.class.getName());
    private final WebServer server;
    private final Database database;
    private final CareCallStore store;
    private final DemoData demo;
    private final SignIn signIn;
    private final JoinLinks joinLinks;
    private final ScheduledExecutorService timer;
    private final ExecutorService roomExecutor;
    private final URI baseUri;
    private final URI webSocketBaseUri;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CareCallServer(Builder b) {
        this.server = b.server;
        this.database = b.database;
        this.store = b.store;
        this.demo = b.demo;
        this.signIn = b.signIn;
        this.joinLinks = b.joinLinks;
        this.timer = b.timer;
        this.roomExecutor = b.roomExecutor;
        this.clock = b.clock;
        boolean secure = b.settings.tls() != null;
        String host = "0.0.0.0".equals(b.settings.host()) ? "127.0.0.1" : b.settings.host();
        this.baseUri = URI.create((secure ? "https://" : "http://") + host + ":" + server.port());
        int wsPort = b.settings.webSocketPort() == null ? server.port() : server.port(WEBSOCKET_SOCKET);
        this.webSocketBaseUri = URI.create((secure ? "wss://" : "ws://") + host + ":" + wsPort);
    }

    /** Name of the WebSocket's own listener socket, when it has one (production: port 8444). */
    public static final String WEBSOCKET_SOCKET = "websocket";

    /** 127.0.0.1, a free port, a fresh in-memory H2 database of its own, Flyway, demo data, a generated secret. */
    public static CareCallServer startForTests() {
        return start(BackendSettings.forTests());
    }

    /** Opens (and migrates) the database, creates demo data if asked, and starts listening. */
    public static CareCallServer start(BackendSettings settings) {
        Builder b = new Builder();
        b.settings = settings;
        // Milliseconds: what every database keeps exactly, so a time sent on the wire equals the stored one.
        b.clock = Clock.tickMillis(ZoneOffset.UTC);
        ProtocolCodec codec = new ProtocolCodec();
        b.database = Database.open(settings.database());
        try {
            b.store = new CareCallStore(b.database.client(), codec);
            if (settings.demoData()) {
                b.demo = DemoSeeder.seed(b.store, b.clock.instant());
            }
            Tokens tokens = new Tokens(settings.tokenSecret(), b.clock);
            b.signIn = new SignIn(b.store, tokens, settings.doctorTokenValidity(), b.clock);
            b.joinLinks = new JoinLinks(tokens, settings.patientLinkValidity(), b.clock);
            AppointmentAccess access = new AppointmentAccess(b.store);
            b.roomExecutor = Executors.newVirtualThreadPerTaskExecutor();
            b.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("register-timeout")
                    .factory());
            Calls calls = new Calls(b.store, access, new Lobby(), b.clock,
                    new IceServers(settings.iceServers(), settings.turn(), b.clock), b.roomExecutor);
            AtomicReference<WebServer> bound = new AtomicReference<>();
            PublicAddress address = new PublicAddress(settings.publicUrl(), settings.webSocketUrl(),
                    () -> settings.webSocketPort() == null ? 0 : bound.get().port(WEBSOCKET_SOCKET));
            ApiRoutes api = new ApiRoutes(codec, tokens, b.signIn, b.store, access, calls, b.joinLinks, address,
                    version());

            WsRouting.Builder ws = WsRouting.builder()
                    .endpoint("/ws/appointments/{appointmentId}",
                            () -> new RoomSocket(calls, tokens, codec, b.timer, settings.registerTimeout(),
                                    settings.keepAlive()))
                    .endpoint("/ws/lobby",
                            () -> new LobbySocket(calls, tokens, codec, b.timer, settings.registerTimeout(),
                                    settings.keepAlive()));
            HttpRouting.Builder http = HttpRouting.builder().register("/api", api);
            PatientPageRoutes.register(http);
            ErrorResponses.register(http, codec);

            WebServerConfig.Builder config = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .addFeature(ObserveFeature.just(HealthObserver.builder()
                            .details(true)
                            .addCheck(new DatabaseHealthCheck(b.database))
                            .build()))
                    .routing(http);
            Tls tls = settings.tls() == null ? null : tls(settings.tls());
            if (tls != null) {
                config.tls(tls);
            }
            if (settings.webSocketPort() == null) {
                config.addRouting(ws);
            } else {
                Set<String> origins = PublicAddress.pageOrigins(settings.publicUrl(), settings.host(), settings.port(),
                        tls != null);
                if (origins.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "The WebSocket has a port of its own but carecall.url is "
                            + "not set: browsers' connections to it will be refused. Set carecall.url to the "
                            + "public address of the patient page, e.g. https://clinic.example.org:8443.");
                }
                config.putSocket(WEBSOCKET_SOCKET, socket -> {
                    socket.host(settings.host()).port(settings.webSocketPort()).addRouting(ws)
                            .addProtocol(WsConfig.builder().name("websocket").origins(origins).build());
                    if (tls != null) {
                        socket.tls(tls);
                    }
                });
            }
            b.server = config.build().start();
            bound.set(b.server);
            return new CareCallServer(b);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /** The server's HTTP(S) address, e.g. {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The WebSocket base: rooms at {@code /ws/appointments/{id}}, the lobby at {@code /ws/lobby}. */
    public URI webSocketBaseUri() {
        return webSocketBaseUri;
    }

    /** The demo appointments (null if the database held demo data already, or demo data was not asked for). */
    public DemoData demo() {
        return demo;
    }

    /** Adds an appointment with a new patient of this name for the doctor; returns its id. */
    public long createAppointment(String doctorUsername, String patientName, Instant scheduledAt, boolean paid) {
        Doctor doctor = doctor(doctorUsername);
        return store.createAppointment(doctor.id(), store.createPatient(patientName, clock.instant()), scheduledAt,
                paid);
    }

    /** A valid sign-in token of the doctor, as POST /api/auth/login would give it. */
    public String doctorToken(String username) {
        return signIn.tokenFor(doctor(username));
    }

    /** The token of the appointment's patient join link. */
    public String patientToken(long appointmentId) {
        return joinLinks.token(appointmentId, appointment(appointmentId).scheduledAt());
    }

    /** The appointment's absolute patient join link: {@code http://127.0.0.1:PORT/join/{id}?token=...}. */
    public String patientJoinUrl(long appointmentId) {
        return joinLinks.url(baseUri, appointmentId, appointment(appointmentId).scheduledAt());
    }

    /** The store, for this module's tests. */
    CareCallStore store() {
        return store;
    }

    /** Stops listening, lets running room tasks finish, then closes the database. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Builder b = new Builder();
        b.server = server;
        b.database = database;
        b.timer = timer;
        b.roomExecutor = roomExecutor;
        b.close();
    }

    private Doctor doctor(String username) {
        return store.findDoctor(username).orElseThrow(() ->
                new CareCallException(ErrorCode.FORBIDDEN, "no doctor named " + username));
    }

    private Appointment appointment(long id) {
        return store.findAppointment(id).orElseThrow(() ->
                new CareCallException(ErrorCode.APPOINTMENT_NOT_FOUND, "no appointment " + id));
    }

    private static Tls tls(BackendSettings.TlsFiles files) {
        Keys keys = Keys.builder().pem(pem -> pem
                        .key(Resource.create(files.privateKey()))
                        .certChain(Resource.create(files.certificate())))
                .build();
        return Tls.builder().privateKey(keys).privateKeyCertChain(keys).build();
    }

    static String version() {
        String v = CareCallServer.class.getPackage().getImplementationVersion();
        return v == null ? "1.0.0" : v;
    }

    /** The parts under construction, so a failed start closes what it opened. */
    private static final class Builder {
        BackendSettings settings;
        Clock clock;
        WebServer server;
        Database database;
        CareCallStore store;
        DemoData demo;
        SignIn signIn;
        JoinLinks joinLinks;
        ScheduledExecutorService timer;
        ExecutorService roomExecutor;

        void close() {
            if (server != null) {
                server.stop();
            }
            if (timer != null) {
                timer.shutdownNow();
            }
            if (roomExecutor != null) {
                roomExecutor.shutdown();
                // A room task still writing (a call ending as its sockets close) must finish before the pool goes.
                try {
                    roomExecutor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (database != null) {
                database.close();
            }
        }
    }

}
