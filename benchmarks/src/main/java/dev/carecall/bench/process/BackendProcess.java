package dev.carecall.bench.process;

import dev.carecall.backend.storage.DatabaseSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The real backend jar in production mode (no {@code --demo}): PostgreSQL in a schema of its own, plain HTTP/WS on a
 * free loopback port ({@code carecall.tls.enabled=false}, as behind a TLS proxy), WebSocket on the same port, a
 * random token secret, and the heap limit given.
 */
public final class BackendProcess extends ChildProcess {
    private final int port;
    private final String secret;
    private final DatabaseSettings database;
    private final List<String> jvmOptions;

    private BackendProcess(List<String> command, Map<String, String> env, Path log, int port, String secret,
                           DatabaseSettings database, List<String> jvmOptions) {
        super("backend", command, env, log);
        this.port = port;
        this.secret = secret;
        this.database = database;
        this.jvmOptions = jvmOptions;
    }

    /**
     * The JVM options the backend runs with: {@code signaling-backend/jvm.options}, the file the README's "Running the
     * backend" gives a clinic (the capacity target's {@code -Xmx512m} among them), or, for trying others, the
     * environment variable {@code CARECALL_BENCH_BACKEND_JVM} (options separated by spaces).
     */
    public static List<String> launchOptions(Path repository) {
        String override = System.getenv("CARECALL_BENCH_BACKEND_JVM");
        if (override != null && !override.isBlank()) {
            return List.of(override.strip().split("\\s+"));
        }
        return optionsFile(repository.resolve("signaling-backend/jvm.options"));
    }

    /** The options of a java launcher argument file: one or more a line, {@code #} starts a comment. */
    static List<String> optionsFile(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .flatMap(line -> java.util.Arrays.stream(line.split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backend's JVM options", e);
        }
    }

    /** Starts the backend of {@code repository} and waits until it answers {@code GET /api/info}. */
    public static BackendProcess start(Path repository, Path workDir, DatabaseSettings database,
                                       List<String> jvmOptions) {
        Path jar = repository.resolve("signaling-backend/target/signaling-backend.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (scripts/bench.sh does)");
        }
        int port = freePort();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        List<String> command = new java.util.ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Map<String, String> env = Map.ofEntries(
                // As the README's service unit sets it: a few glibc arenas instead of one per busy thread.
                Map.entry("MALLOC_ARENA_MAX", "2"),
                Map.entry("SERVER_HOST", "127.0.0.1"),
                Map.entry("SERVER_PORT", Integer.toString(port)),
                Map.entry("CARECALL_WEBSOCKET_PORT", "0"),
                // Production mode requires the page's public address; here the backend itself serves the page.
                Map.entry("CARECALL_URL", "http://127.0.0.1:" + port),
                Map.entry("CARECALL_TLS_ENABLED", "false"),
                Map.entry("CARECALL_AUTH_SECRET", secret),
                Map.entry("CARECALL_DB_URL", database.url()),
                Map.entry("CARECALL_DB_USERNAME", database.username()),
                Map.entry("CARECALL_DB_PASSWORD", database.password() == null ? "" : database.password()),
                Map.entry("CARECALL_DATA_DIR", workDir.toAbsolutePath().toString()));
        BackendProcess backend = new BackendProcess(command, env, workDir.resolve("backend-" + port + ".log"), port,
                secret, database, jvmOptions);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        backend.awaitReady("GET /api/info", Duration.ofSeconds(90), () -> answers(http, backend.baseUri()));
        return backend;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI webSocketBaseUri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The HMAC secret it signs tokens with (the benchmark signs its doctors' and patients' tokens with it). */
    public String secret() {
        return secret;
    }

    public DatabaseSettings database() {
        return database;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    private static boolean answers(HttpClient http, URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/api/info")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The java launcher of the JDK running the benchmark. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
