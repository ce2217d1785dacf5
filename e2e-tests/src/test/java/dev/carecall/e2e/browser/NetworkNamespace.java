package dev.carecall.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, for a browser whose network the test controls: the backend's port is
 * forwarded into it (the browser inside reaches 127.0.0.1:port as usual), its control port is forwarded out, and
 * nftables rules inside it block what the test wants blocked. Everything goes to loopback; {@link #close()} ends the
 * forwarders and deletes the namespace with its rules, also when the test failed.
 */
public final class NetworkNamespace implements AutoCloseable {
    private static final String PREFIX = "ccpage";

    private final String name;
    private final List<Process> forwarders = new ArrayList<>();
    private final Thread cleanupOnExit;

    /** Creates the namespace ccpage{pid}-{n} with only loopback up. */
    public NetworkNamespace(String suffix) {
        name = PREFIX + ProcessHandle.current().pid() + "-" + suffix;
        run("ip", "netns", "add", name);
        cleanupOnExit = new Thread(this::delete);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        run("ip", "-n", name, "link", "set", "lo", "up");
    }

    public String name() {
        return name;
    }

    /** A command line that runs the given program inside the namespace. */
    public List<String> command(String... program) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(List.of(program));
        return command;
    }

    /** Makes 127.0.0.1:port of this machine reachable as 127.0.0.1:port inside the namespace. */
    public void forwardIn(int port) {
        // socat reads ':' in an EXEC command as its own separator unless the command is quoted for it.
        String outside = "nsenter --net=/proc/" + ProcessHandle.current().pid() + "/ns/net socat STDIO TCP:127.0.0.1:" + port;
        forwarders.add(start(command("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr",
                "EXEC:'" + outside + "'")));
        awaitListening(port, true);
    }

    /**
     * Makes 127.0.0.1:port inside the namespace reachable from this machine on the same port number (browsers check
     * that the Host header names their own port). Pick the port with {@link #freePort()} before the browser starts.
     */
    public void exposeToHost(int port) {
        forwarders.add(start(List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr",
                "EXEC:'ip netns exec " + name + " socat STDIO TCP:127.0.0.1:" + port + "'")));
        awaitListening(port, false);
    }

    /**
     * Drops every WebSocket handshake to the port ("GET /ws/" at the start of a TCP payload), as a firewall or proxy
     * that lets web pages through but not WebSockets does. The page itself still loads.
     */
    public void blockWebSockets(int port) {
        nft(outputRule("carecall_block", "tcp dport " + port + " @ih,0,64 0x474554202f77732f drop"));
    }

    /** Drops all UDP leaving the browser: no STUN, no TURN over UDP, no media over UDP. */
    public void blockUdp() {
        nft(outputRule("carecall_udp", "meta l4proto udp drop"));
    }

    /** A table with one rule on what leaves the namespace (nft wants the raw-payload rule on a line of its own). */
    private static String outputRule(String table, String rule) {
        return "table inet " + table + " {\n  chain out {\n    type filter hook output priority 0; policy accept;\n    "
                + rule + "\n  }\n}\n";
    }

    private void nft(String ruleset) {
        Process p = start(command("nft", "-f", "-"));
        try {
            p.getOutputStream().write(ruleset.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("nft refused the rules: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(int port, boolean inside) {
        List<String> probe = new ArrayList<>(List.of("sh", "-c", "ss -Hltn 'sport = :" + port + "' | grep -q ."));
        if (inside) {
            probe = command(probe.toArray(String[]::new));
        }
        for (int i = 0; i < 100; i++) {
            if (exitCode(probe) == 0) {
                return;
            }
            try {
                Thread.sleep(50); // polling interval of a condition wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("socat never listened on " + port + (inside ? " in " + name : ""));
    }

    /** A port free on this machine now (a namespace of our own has all its ports free). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
    }

    private static int exitCode(List<String> command) {
        Process p = start(command);
        try {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void run(String... command) {
        if (exitCode(List.of(command)) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private synchronized void delete() {
        for (Process p : forwarders) {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        forwarders.clear();
        // Deleting the namespace removes its interfaces and nftables tables with it.
        exitCode(List.of("ip", "netns", "delete", name));
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }
}
