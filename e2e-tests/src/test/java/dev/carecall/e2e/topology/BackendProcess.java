package dev.carecall.e2e.topology;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.ServerSettings;
import dev.carecall.backend.auth.TokenSettings;
import dev.carecall.backend.admin.AdminCommands;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.TestPostgres;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.LoginRequest;
import dev.carecall.protocol.rest.LoginResponse;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend as a real operating-system process of its own ({@code java -jar signaling-backend.jar}, as
 * production runs it) on a fresh PostgreSQL schema, so a test can {@code kill -9} it and start it again on the same
 * database and port. Plain HTTP and WebSocket on one loopback port; the settings come as {@code -D} options, which
 * the backend's configuration reads before its {@code application.yaml}. Each start logs to a file of its own under
 * the given directory.
 */
public final class BackendProcess implements AutoCloseable {
    public static final String DOCTOR = "dr-jonas-weber";
    public static final String DOCTOR_PASSWORD = "correct horse battery";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestPostgres schema;
    /** Whether closing this one drops the schema (the first of several instances does). */
    private final boolean ownsSchema;
    private final int port;
    private final String secret;
    private final Duration restartGrace;
    private final Path logs;
    private final URI publicUrl;
    /** Further {@code -D} options (several instances: Redis, the proxy's addresses). */
    private final List<String> options;
    private final BackendSettings settings;
    private Process process;
    private int starts;

    private BackendProcess(Path logs, Duration restartGrace) {
        this(logs, restartGrace, TestPostgres.createSchema(), true, UUID.randomUUID() + "-" + UUID.randomUUID(),
                FreePorts.tcp(), null, List.of());
    }

    private BackendProcess(Path logs, Duration restartGrace, TestPostgres schema, boolean ownsSchema, String secret,
                           int port, URI publicUrl, List<String> options) {
        this.schema = schema;
        this.ownsSchema = ownsSchema;
        this.secret = secret;
        this.port = port;
        this.restartGrace = restartGrace;
        this.logs = logs;
        this.publicUrl = publicUrl != null ? publicUrl : baseUri();
        this.options = List.copyOf(options);
        this.settings = BackendSettings.of(schema.settings(), TokenSettings.withSecret(secret))
                .with(new ServerSettings("127.0.0.1", port, null, this.publicUrl, null, List.of()));
    }

    /**
     * Several instances of the backend, each a process on a port of its own, on one new schema and with one secret,
     * as a load balancer without sticky routing sees them; {@link #DOCTOR} added once. The first one's
     * {@link #close()} drops the schema, so close it last.
     *
     * @param publicUrl {@code carecall.url}: the proxy's origin, which join links name and sockets come from
     * @param options   further {@code -D} options for every instance (the Redis they meet at)
     */
    public static List<BackendProcess> startSeveral(Path logs, Duration restartGrace, int count, URI publicUrl,
                                                    List<String> options) {
        TestPostgres schema = TestPostgres.createSchema();
        String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
        List<BackendProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                BackendProcess instance = new BackendProcess(logs.resolve("instance-" + (char) ('a' + i)),
                        restartGrace, schema, i == 0, secret, FreePorts.tcp(), publicUrl, options);
                started.add(instance);
                instance.launch();
            }
            started.getFirst().admin("--add-doctor", "--username=" + DOCTOR, "--name=Dr. Jonas Weber");
            return started;
        } catch (RuntimeException | Error e) {
            for (BackendProcess instance : started.reversed()) {
                instance.close();
            }
            if (started.isEmpty()) {
                schema.dropSchema();
            }
            throw e;
        }
    }

    /** The port this instance listens on. */
    public int port() {
        return port;
    }

    /**
     * A new schema and a free port, the backend started on them, and {@link #DOCTOR} added.
     *
     * @param restartGrace {@code carecall.calls.restart.grace}: how long calls found live at start-up wait
     */
    public static BackendProcess start(Path logs, Duration restartGrace) {
        BackendProcess backend = new BackendProcess(logs, restartGrace);
        try {
            backend.launch();
            backend.admin("--add-doctor", "--username=" + DOCTOR, "--name=Dr. Jonas Weber");
            return backend;
        } catch (RuntimeException | Error e) {
            backend.close();
            throw e;
        }
    }

    /** Starts the process again on the same database and port; returns once it answers. */
    public void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the backend runs already");
        }
        starts++;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Dserver.host=127.0.0.1");
        command.add("-Dserver.port=" + port);
        command.add("-Dcarecall.url=" + publicUrl);
        command.add("-Dcarecall.websocket.port=0");
        command.add("-Dcarecall.tls.enabled=false");
        command.add("-Dcarecall.db.url=" + schema.settings().url());
        command.add("-Dcarecall.db.username=" + schema.settings().username());
        command.add("-Dcarecall.auth.secret=" + secret);
        command.add("-Dcarecall.calls.restart.grace=" + restartGrace);
        command.add("-Dcarecall.page.testHooks=true");
        command.addAll(options);
        command.addAll(launcher());
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve("backend-" + starts + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("the backend process answering on port " + port).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the backend exited with " + process.exitValue() + "; see "
                                + logs.resolve("backend-" + starts + ".log"));
                    }
                    return HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/api/info"))
                                    .timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
    }

    /** {@code kill -9}: the process dies on the spot, with no shutdown hook, no closing frame, no last write. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the backend process did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Stops the process as a service manager does (SIGTERM): the backend drains, telling its clients to reconnect
     * elsewhere, and exits.
     */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the backend process did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exit code of the last run, once it ended (143 after SIGTERM and a clean shutdown, 137 after kill -9). */
    public int exitValue() {
        return process.exitValue();
    }

    /** Whether the process runs. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** What the current (or last) run has logged so far. */
    public String log() {
        try {
            Path log = logs.resolve("backend-" + starts + ".log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id, to show which process was killed. */
    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI webSocketBaseUri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    /** A paid appointment of {@link #DOCTOR} five minutes from now; returns its id and the patient's join link. */
    public Appointment newAppointment(String patientName) {
        String out = admin("--add-appointment", "--doctor=" + DOCTOR, "--patient=" + patientName,
                "--at=" + Instant.now().plusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "--paid");
        Matcher link = Pattern.compile("(http\\S+/join/(\\d+)\\S*)").matcher(out);
        if (!link.find()) {
            throw new AssertionError("no join link in: " + out);
        }
        return new Appointment(Long.parseLong(link.group(2)), link.group(1));
    }

    /** An appointment and its patient's join link. */
    public record Appointment(long id, String joinUrl) {
    }

    /** Signs {@link #DOCTOR} in over REST, as the console does; returns the token. */
    public String doctorToken() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/api/auth/login"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(
                                    new LoginRequest(DOCTOR, DOCTOR_PASSWORD)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("sign-in answered " + response.statusCode() + ": " + response.body());
            }
            return CODEC.fromJson(response.body(), LoginResponse.class).token();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs an admin command against the backend's database, as clinic IT would. */
    public String admin(String... args) {
        return new AdminCommands(settings, Clock.systemUTC()).run(args, DOCTOR_PASSWORD);
    }

    /** The appointments whose call the database holds as waiting or active. */
    public List<Long> liveCalls() {
        try (Database database = Database.open(settings.database())) {
            return new CareCallStore(database.client(), CODEC).liveCallAppointments();
        }
    }

    /** The command's tail: the packaged jar with its lib/ folder when the build made it, else this classpath. */
    private static List<String> launcher() {
        try {
            Path code = Path.of(CareCallServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.toString().endsWith(".jar") && Files.isDirectory(code.resolveSibling("lib"))) {
                return List.of("-jar", code.toString());
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of("-cp", System.getProperty("java.class.path"),
                "dev.carecall.backend.Main");
    }

    /** Kills the process if it still runs and drops the schema. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                kill();
            }
        } finally {
            if (ownsSchema) {
                schema.dropSchema();
            }
        }
    }
}
