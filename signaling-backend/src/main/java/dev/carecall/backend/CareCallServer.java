package dev.carecall.backend;

import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.integration.ServiceKeys;
import dev.carecall.backend.outbox.Outbox;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.ErrorCode;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running CareCall backend: the {@link Backend} (database, sign-in, call rooms) behind a Helidon SE web server set
 * up by {@link Main#setup}. Other modules' tests embed it through {@link #startForTests()}; {@link Main} starts it
 * from the command line.
 */
public final class CareCallServer implements AutoCloseable {
    /** Name of the WebSocket's own listener socket, when it has one (production: port 8444). */
    public static final String WEBSOCKET_SOCKET = "websocket";

    private final WebServer server;
    private final Backend backend;
    private final URI baseUri;
    private final URI webSocketBaseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CareCallServer(WebServer server, Backend backend) {
        this.server = server;
        this.backend = backend;
        BackendSettings settings = backend.settings;
        boolean secure = settings.tls() != null;
        String host = "0.0.0.0".equals(settings.server().host()) ? "127.0.0.1" : settings.server().host();
        this.baseUri = URI.create((secure ? "https://" : "http://") + host + ":" + server.port());
        int wsPort = settings.server().webSocketPort() == null ? server.port() : server.port(WEBSOCKET_SOCKET);
        this.webSocketBaseUri = URI.create((secure ? "wss://" : "ws://") + host + ":" + wsPort);
        backend.boundAddress = baseUri;
    }

    /** 127.0.0.1, a free port, a fresh in-memory H2 database of its own, Flyway, demo data, a generated secret. */
    public static CareCallServer startForTests() {
        return start(BackendSettings.forTests());
    }

    /** Opens (and migrates) the database, creates demo data if asked, and starts listening. */
    public static CareCallServer start(BackendSettings settings) {
        Backend backend = Backend.open(settings);
        try {
            WebServerConfig.Builder config = WebServer.builder();
            Main.setup(config, backend);
            WebServer web = config.build().start();
            try {
                // Once clients can reach us: calls a dead process left live get the restart's grace from now on.
                backend.calls.takeOverLiveCalls();
            } catch (RuntimeException e) {
                web.stop();
                throw e;
            }
            return new CareCallServer(web, backend);
        } catch (RuntimeException e) {
            backend.close();
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
        return backend.demo;
    }

    /** Adds an appointment with a new patient of this name for the doctor; returns its id. */
    public long createAppointment(String doctorUsername, String patientName, Instant scheduledAt, boolean paid) {
        Doctor doctor = doctor(doctorUsername);
        CareCallStore store = backend.store;
        return store.createAppointment(doctor.id(), store.createPatient(patientName, backend.clock.instant()),
                scheduledAt, paid);
    }

    /** A valid sign-in token of the doctor, as POST /api/auth/login would give it. */
    public String doctorToken(String username) {
        return backend.signIn.tokenFor(doctor(username));
    }

    /** The token of the appointment's patient join link. */
    public String patientToken(long appointmentId) {
        Appointment a = appointment(appointmentId);
        return backend.joinLinks.token(appointmentId, a.linkVersion(), a.scheduledAt());
    }

    /** The appointment's absolute patient join link: {@code http://127.0.0.1:PORT/join/{id}?token=...}. */
    public String patientJoinUrl(long appointmentId) {
        Appointment a = appointment(appointmentId);
        return backend.joinLinks.url(baseUri, appointmentId, a.linkVersion(), a.scheduledAt());
    }

    /** How many signed-out, unexpired doctor tokens this instance refuses (for other modules' sign-out tests). */
    public long revokedTokenCount() {
        return backend.revokedTokens.size();
    }

    /** Makes a service key for a clinic system, as {@code --add-service-key} does (the demo's and tests'). */
    public ServiceKeys.NewKey addServiceKey(String name, Set<Scope> scopes, URI webhookUrl) {
        return backend.integration.keys().create(name, scopes, webhookUrl);
    }

    /** The outbox, for this module's tests. */
    Outbox outbox() {
        return backend.outbox;
    }

    /** The store, for this module's tests. */
    CareCallStore store() {
        return backend.store;
    }

    /** The stored call quality summaries, for this module's tests. */
    dev.carecall.backend.quality.QualityStore qualityStore() {
        return new dev.carecall.backend.quality.QualityStore(backend.database.client());
    }

    /** Stops listening, lets running room tasks finish, then closes the database. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Clients are told to reconnect (to another instance, or to this one once it is back) before it stops.
        backend.calls.drain();
        server.stop();
        backend.close();
    }

    private Doctor doctor(String username) {
        return backend.store.findDoctor(username).orElseThrow(() ->
                new CareCallException(ErrorCode.FORBIDDEN, "no doctor named " + username));
    }

    private Appointment appointment(long id) {
        return backend.store.findAppointment(id).orElseThrow(() ->
                new CareCallException(ErrorCode.APPOINTMENT_NOT_FOUND, "no appointment " + id));
    }

    static String version() {
        String v = CareCallServer.class.getPackage().getImplementationVersion();
        return v == null ? "1.0.0" : v;
    }
}
