package dev.carecall.bench.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Socket.IO reference relay ({@code benchmarks/src/main/node/relay/relay.js}) as a Node process on a free
 * loopback port. Its {@code socket.io} package is installed from the npm registry by {@code scripts/bench.sh} into
 * {@code benchmarks/target/relay}.
 */
public final class SocketIoRelay extends ChildProcess {
    private static final Pattern HEAP_USED = Pattern.compile("\"heapUsed\":(\\d+)");
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private SocketIoRelay(List<String> command, Path log, int port) {
        super("socket.io relay", command, Map.of(), log);
        this.port = port;
    }

    /** Starts the relay installed in {@code relayDir} and waits until it answers. */
    public static SocketIoRelay start(Path relayDir, Path workDir) {
        if (!Files.isDirectory(relayDir.resolve("node_modules/socket.io"))) {
            throw new IllegalStateException("socket.io is not installed in " + relayDir
                    + ": scripts/bench.sh installs it (npm install there)");
        }
        int port = BackendProcess.freePort();
        SocketIoRelay relay = new SocketIoRelay(List.of("node", "--expose-gc",
                relayDir.resolve("relay.js").toAbsolutePath().toString(), Integer.toString(port)),
                workDir.resolve("socketio-relay-" + port + ".log"), port);
        relay.awaitReady("its first answer", Duration.ofSeconds(30), () -> relay.heapAfterGc() >= 0);
        return relay;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** V8's heap in use after a full GC, in bytes; -1 if the relay does not answer. */
    public long heapAfterGc() {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench-stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher used = HEAP_USED.matcher(body);
            return used.find() ? Long.parseLong(used.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
