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
 * A real nginx in front of several backend instances, round-robin and nothing sticky: the shipped server block
 * ({@code deploy/nginx/carecall.conf}) with its {@code proxy_pass} pointed at an upstream of all instances. Plain
 * HTTP on loopback (browsers treat 127.0.0.1 as a secure origin), so the test is about routing, not TLS, which
 * {@code ProxyLayoutIT} covers. nginx's default {@code proxy_next_upstream error timeout} sends a request that finds
 * an instance dead to the next one: what a reconnecting client needs after an instance was lost.
 */
public final class RoundRobinNginx implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path directory;
    private final int port;
    private final Process process;

    private RoundRobinNginx(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Starts nginx on 127.0.0.1:{@code port}, passing every request to the next of {@code upstreamPorts}. */
    public static RoundRobinNginx start(Path where, int port, List<Integer> upstreamPorts) {
        Path directory = where.toAbsolutePath(); // nginx takes relative paths from its prefix, not from here
        String server = DeployExamples.text(DeployExamples.NGINX)
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replace("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://carecall_instances;")
                .lines().filter(line -> !line.strip().startsWith("ssl_")).collect(Collectors.joining("\n"));
        if (!server.contains("127.0.0.1:" + port + ";") || !server.contains("carecall_instances")) {
            throw new IllegalStateException("deploy/nginx/carecall.conf changed: the test cannot set its port or "
                    + "upstream any more");
        }
        String upstream = "    upstream carecall_instances {\n" + upstreamPorts.stream()
                .map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;\n")
                .collect(Collectors.joining()) + "    }";
        String main = String.join("\n",
                "daemon off;",
                "worker_processes 1;",
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
            RoundRobinNginx nginx = new RoundRobinNginx(directory, port, process);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nginx (/usr/sbin/nginx, Debian package nginx; "
                    + "scripts/test.sh installs it): " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** nginx's access log so far. */
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
