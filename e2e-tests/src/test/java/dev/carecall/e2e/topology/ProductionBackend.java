package dev.carecall.e2e.topology;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.admin.AdminCommands;
import dev.carecall.backend.storage.TestPostgres;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The backend in production mode (no {@code --demo}, no demo data), started in-process from an
 * {@code application.yaml} the test writes as clinic IT would: HTTPS and WSS on two random ports with the test CA's
 * certificate, PostgreSQL (a fresh schema of the {@code test} database, the backend tests' {@code TestPostgres}), TURN with time-limited credentials from
 * coturn's shared secret, and coturn as STUN server. Doctors are added with the admin command IT uses.
 *
 * <p>{@link Layout#behindProxy} is the README's proxy layout instead: plain HTTP and WebSocket on one port
 * ({@code carecall.tls.enabled=false}, {@code carecall.websocket.port=0}) and the public addresses configured.
 */
public final class ProductionBackend implements AutoCloseable {
    /** The doctor every topology test signs in as. */
    public static final String DOCTOR = "dr-ines-moreau";
    public static final String DOCTOR_PASSWORD = "correct horse battery";

    /**
     * How the backend is laid out.
     *
     * @param host            {@code server.host}
     * @param port            {@code server.port}, or 0 for a free one chosen here
     * @param tls             HTTPS/WSS with the test certificate, or plain HTTP behind a proxy
     * @param separateSocket  WSS on its own port ({@code carecall.websocket.port}), or on the HTTP(S) port
     * @param publicUrl       {@code carecall.url}, or null
     * @param publicWebSocket {@code carecall.websocket.url}, or null
     */
    public record Layout(String host, int port, boolean tls, boolean separateSocket, String publicUrl,
                         String publicWebSocket) {
        /** The README's default production layout: HTTPS 8443 and WSS 8444, here on two random ports. */
        public static Layout twoPorts() {
            return new Layout("127.0.0.1", 0, true, true, null, null);
        }

        /**
         * Behind a TLS-terminating proxy that serves {@code publicOrigin} (e.g. {@code https://127.0.0.1:P}) and
         * forwards to plain HTTP on {@code port}.
         */
        public static Layout behindProxy(String publicOrigin, int port) {
            String ws = publicOrigin.replaceFirst("^http", "ws");
            return new Layout("127.0.0.1", port, false, false, publicOrigin, ws);
        }
    }

    private final CareCallServer server;
    private final TestPostgres schema;
    private final BackendSettings settings;
    private final Path yaml;

    private ProductionBackend(CareCallServer server, TestPostgres schema, BackendSettings settings, Path yaml) {
        this.server = server;
        this.schema = schema;
        this.settings = settings;
        this.yaml = yaml;
    }

    /**
     * Writes {@code application.yaml} under {@code directory} and starts the backend from it.
     *
     * @param turn       coturn, whose URLs and secret the backend hands out (null: no STUN/TURN)
     * @param turnSecret the secret the backend signs TURN credentials with (normally {@code turn.secret()})
     */
    public static ProductionBackend start(Path directory, Layout layout, TestCa ca, Coturn turn, String turnSecret) {
        TestPostgres schema = TestPostgres.createSchema();
        try {
            Path yaml = directory.resolve("application.yaml");
            Files.createDirectories(directory);
            Files.writeString(yaml, yaml(layout, ca, turn, turnSecret, schema));
            BackendSettings settings = BackendSettings.fromConfig(Config.just(ConfigSources.file(yaml)));
            CareCallServer server = CareCallServer.start(settings);
            ProductionBackend backend = new ProductionBackend(server, schema, settings, yaml);
            backend.admin("--add-doctor", "--username=" + DOCTOR, "--name=Dr. Inès Moreau");
            return backend;
        } catch (IOException e) {
            schema.dropSchema();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            schema.dropSchema();
            throw e;
        }
    }

    private static String yaml(Layout layout, TestCa ca, Coturn turn, String turnSecret, TestPostgres schema) {
        List<String> y = new ArrayList<>();
        int port = layout.port() != 0 ? layout.port() : FreePorts.tcp();
        y.add("server:");
        y.add("  host: " + layout.host());
        y.add("  port: " + port);
        y.add("carecall:");
        if (layout.publicUrl() != null) {
            y.add("  url: \"" + layout.publicUrl() + "\"");
        } else {
            // As the README asks: the page's public address (join links, and the origin the WebSocket port accepts).
            y.add("  url: \"" + (layout.tls() ? "https" : "http") + "://" + layout.host() + ":" + port + "\"");
        }
        y.add("  websocket:");
        y.add("    port: " + (layout.separateSocket() ? FreePorts.tcp() : 0));
        if (layout.publicWebSocket() != null) {
            y.add("    url: \"" + layout.publicWebSocket() + "\"");
        }
        y.add("  tls:");
        y.add("    enabled: " + layout.tls());
        y.add("    certificate: \"" + ca.certificateFile() + "\"");
        y.add("    key: \"" + ca.keyFile() + "\"");
        y.add("  db:");
        y.add("    url: \"" + schema.settings().url() + "\"");
        y.add("    username: \"" + schema.settings().username() + "\"");
        y.add("    password: \"\"");
        y.add("  auth:");
        y.add("    secret: \"" + UUID.randomUUID() + UUID.randomUUID() + "\"");
        if (turn != null) {
            y.add("  ice:");
            y.add("    servers:");
            y.add("      - urls: [\"" + turn.stunUrl() + "\"]");
            y.add("  turn:");
            y.add("    urls: \"" + turn.turnUrls() + "\"");
            y.add("    secret: \"" + turnSecret + "\"");
            y.add("    ttl: PT4H");
        }
        return String.join("\n", y) + "\n";
    }

    /** Runs an admin command ({@code --add-doctor}, {@code --add-appointment}) against this backend's database. */
    public String admin(String... args) {
        return new AdminCommands(settings, Clock.systemUTC()).run(args, DOCTOR_PASSWORD);
    }

    /** A paid appointment of {@link #DOCTOR} five minutes from now, with a new patient. */
    public long newAppointment(String patientName) {
        return server.createAppointment(DOCTOR, patientName, Instant.now().plus(5, ChronoUnit.MINUTES), true);
    }

    /** The HTTPS (or, behind a proxy, plain HTTP) address the backend listens on. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** Where the WebSocket listens (its own port in the two-port layout). */
    public URI webSocketBaseUri() {
        return server.webSocketBaseUri();
    }

    public CareCallServer server() {
        return server;
    }

    /** The {@code application.yaml} this backend started from. */
    public Path configFile() {
        return yaml;
    }

    /** The appointment's join link (on {@code carecall.url} when set, else on {@link #baseUri()}). */
    public String patientJoinUrl(long appointmentId) {
        String url = server.patientJoinUrl(appointmentId);
        return settings.server().publicUrl() == null ? url
                : url.replace(server.baseUri().toString(), settings.server().publicUrl().toString().replaceFirst("/$", ""));
    }

    public String doctorToken() {
        return server.doctorToken(DOCTOR);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            schema.dropSchema();
        }
    }
}
