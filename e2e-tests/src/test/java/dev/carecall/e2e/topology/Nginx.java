package dev.carecall.e2e.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real nginx (Debian's package) in front of the backend, started by the test with the shipped server block
 * {@code deploy/nginx/carecall.conf}: only its listening port, certificate and upstream are changed, and it is
 * wrapped in a main configuration of its own (no system files, logs and temporary files under the test's directory).
 * Two layouts: {@link #start} terminates TLS in front of one backend (the proxy layout), {@link #roundRobin} passes
 * plain HTTP on loopback to several instances in turn, nothing sticky (browsers treat 127.0.0.1 as a secure origin,
 * so that test is about routing, not TLS). {@link #close()} stops it.
 */
public final class Nginx implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path directory;
    private final int port;
    private final boolean tls;
    private final Process process;

    private Nginx(Path directory, int port, boolean tls, Process process) {
        this.directory = directory;
        this.port = port;
        this.tls = tls;
        this.process = process;
    }

    /**
     * Starts nginx on 127.0.0.1 and a free port, with the CA's server certificate, proxying to {@code upstreamPort}.
     */
    public static Nginx start(Path directory, TestCa ca, int upstreamPort) {
        int port = FreePorts.tcp();
        String server = serverBlock(port, "http://127.0.0.1:" + upstreamPort)
                .replace("listen 127.0.0.1:" + port + ";", "listen 127.0.0.1:" + port + " ssl;")
                .replace("/etc/ssl/carecall/fullchain.pem", ca.certificateFile().toString())
                .replace("/etc/ssl/carecall/privkey.pem", ca.keyFile().toString());
        if (!server.contains(ca.keyFile().toString())) {
            throw new IllegalStateException("deploy/nginx/carecall.conf changed: the test cannot set its certificate "
                    + "any more");
        }
        return run(directory, port, true, "", server);
    }

    /**
     * Starts nginx on 127.0.0.1:{@code port} (plain HTTP), passing every request to the next of
     * {@code upstreamPorts}. nginx's default {@code proxy_next_upstream error timeout} sends a request that finds an
     * instance dead to the next one: what a reconnecting client needs after an instance was lost.
     */
    public static Nginx roundRobin(Path directory, int port, List<Integer> upstreamPorts) {
        String upstream = "    upstream carecall_instances {\n" + upstreamPorts.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;\n")
                .collect(Collectors.joining()) + "    }";
        String server = serverBlock(port, "http://carecall_instances").lines()
                .filter(line -> !line.strip().startsWith("ssl_")).collect(Collectors.joining("\n"));
        return run(directory, port, false, upstream, server);
    }

    /** The shipped server block listening on 127.0.0.1:{@code port} (no TLS yet) and passing to {@code upstream}. */
    private static String serverBlock(int port, String upstream) {
        String server = DeployExamples.text(DeployExamples.NGINX)
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replace("proxy_pass http://127.0.0.1:8080;", "proxy_pass " + upstream + ";");
        if (!server.contains("127.0.0.1:" + port + ";") || !server.contains("proxy_pass " + upstream + ";")) {
            throw new IllegalStateException("deploy/nginx/carecall.conf changed: the test cannot set its port or "
                    + "upstream any more");
        }
        return server;
    }

    private static Nginx run(Path where, int port, boolean tls, String upstream, String server) {
        Path directory = where.toAbsolutePath(); // nginx takes relative paths from its prefix, not from here
        String main = String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                // the master runs as the test's user (root on CI); workers must read the test's certificate files
                "user root;",
                "pid " + directory.resolve("nginx.pid") + ";",
                "error_log " + directory.resolve("error.log") + " info;",
                "events { worker_connections 256; }",
                "http {",
                "    access_log " + directory.resolve("access.log") + ";",
                "    client_body_temp_path " + directory.resolve("tmp/body") + ";",
                "    proxy_temp_path " + directory.resolve("tmp/proxy") + ";",
                "    fastcgi_temp_path " + directory.resolve("tmp/fastcgi") + ";",
                "    uwsgi_temp_path " + directory.resolve("tmp/uwsgi") + ";",
                "    scgi_temp_path " + directory.resolve("tmp/scgi") + ";",
                upstream,
                server,
                "}", "");
        try {
            Files.createDirectories(directory.resolve("tmp"));
            Path config = directory.resolve("nginx.conf");
            Files.writeString(config, main);
            Process process = new ProcessBuilder(System.getProperty("carecall.nginx", "/usr/sbin/nginx"),
                    "-e", directory.resolve("error.log").toString(), "-p", directory.toString(),
                    "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile())
                    .start();
            Nginx nginx = new Nginx(directory, port, tls, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nginx (/usr/sbin/nginx, Debian package nginx; "
                    + "scripts/test.sh installs it): " + e.getMessage(), e);
        }
    }

    /** The public origin: {@code https://127.0.0.1:PORT}, or {@code http://} for the round-robin layout. */
    public String origin() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** nginx's access log so far (one line per request, with its status). */
    public String accessLog() {
        return read("access.log");
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("nginx did not start on port " + port + ":\n" + read("nginx.out")
                            + read("error.log"), e);
                }
            }
            Pause.briefly();
        }
    }

    private String read(String file) {
        try {
            Path path = directory.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
