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
    /** What {@link #behindNat} made outside the namespace, which deleting the namespace does not remove. */
    private final List<List<String>> hostCleanup = new ArrayList<>();
    private final Thread cleanupOnExit;
    private Nat nat;

    /** Creates the namespace ccpage{pid}-{n} with only loopback up. */
    public NetworkNamespace(String suffix) {
        this(PREFIX + ProcessHandle.current().pid() + "-" + suffix, true);
    }

    private NetworkNamespace(String name, boolean fresh) {
        this.name = name;
        missingTools();
        if (!fresh) {
            exitCode(List.of("ip", "netns", "delete", name)); // a run killed before its clean-up
        }
        run("ip", "netns", "add", name);
        cleanupOnExit = new Thread(this::delete);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        run("ip", "-n", name, "link", "set", "lo", "up");
    }

    /**
     * A namespace with exactly this name (at most 9 characters: the interfaces {@link #behindNat} makes are named
     * after it), replacing one a killed run left behind.
     */
    public static NetworkNamespace named(String name) {
        if (name.length() > 9) {
            throw new IllegalArgumentException("interface names would exceed 15 characters: " + name);
        }
        return new NetworkNamespace(name, false);
    }

    /**
     * The addresses of a namespace behind a NAT on this machine.
     *
     * @param gateway      this machine's side of the link, the namespace's default route (services the namespace
     *                     should reach listen here)
     * @param privateIp    the namespace's own address, which nothing outside can reach
     * @param publicIp     what the namespace's traffic appears to come from on this machine
     * @param linkInside   the namespace's interface, the one {@link #cutLink()} takes down
     */
    public record Nat(String gateway, String privateIp, String publicIp, String linkInside) {
    }

    /**
     * Puts the namespace behind a NAT, as a home router puts a patient: a veth pair with a private network
     * (192.168.{subnet}.0/24, this machine's side .1, the namespace .2, the default route through it) and nftables
     * rules on this machine's side that rewrite the source of everything arriving from the namespace to a public
     * address (100.64.{subnet}.1, on this machine's side of the link) and drop new connections to the namespace's
     * address (this machine's own address on the link stays reachable: the services listen there). A rewrite on
     * arrival ({@code snat} in the input hook) and not {@code masquerade}: masquerade applies to traffic routed
     * onward, and the other party (the console's engine, the backend) runs on this machine. Replies find their way
     * back through the connection tracking, as through a router's NAT. Anything for the namespace's address that
     * would leave by another interface (while the link is down, say) is dropped, so no packet leaves this machine.
     */
    public Nat behindNat(int subnet) {
        String host = name + "-h";
        String inside = name + "-p";
        String table = name.replace('-', '_') + "_nat";
        String prefix = "192.168." + subnet + ".";
        Nat made = new Nat(prefix + "1", prefix + "2", "100.64." + subnet + ".1", inside);
        // Left-overs of a killed run first; then register the clean-up before each thing is made.
        exitCode(List.of("ip", "link", "delete", host));
        exitCode(List.of("nft", "delete", "table", "ip", table));
        hostCleanup.add(List.of("ip", "link", "delete", host));
        run("ip", "link", "add", host, "type", "veth", "peer", "name", inside);
        run("ip", "link", "set", inside, "netns", name);
        run("ip", "addr", "add", made.gateway() + "/24", "dev", host);
        run("ip", "link", "set", host, "up");
        run("ip", "-n", name, "addr", "add", made.privateIp() + "/24", "dev", inside);
        run("ip", "-n", name, "link", "set", inside, "up");
        run("ip", "-n", name, "route", "add", "default", "via", made.gateway());
        // The public address lives on this side of the link, which stays up when the namespace's side goes down,
        // so it stays local to this machine.
        run("ip", "addr", "add", made.publicIp() + "/32", "dev", host);
        hostCleanup.add(List.of("nft", "delete", "table", "ip", table));
        nftOnHost("table ip " + table + " {\n"
                + "  chain arrive {\n    type nat hook input priority 100; policy accept;\n"
                + "    iifname \"" + host + "\" ip saddr " + made.privateIp() + " snat to " + made.publicIp() + "\n  }\n"
                + "  chain leave {\n    type filter hook output priority 0; policy accept;\n"
                + "    ip daddr " + made.privateIp() + " ct state new drop\n  }\n"
                // After the NAT's reply rewrite, where the real outgoing interface is known (not in output).
                + "  chain leak {\n    type filter hook postrouting priority 0; policy accept;\n"
                + "    ip daddr " + made.privateIp() + " oifname != \"" + host + "\" drop\n"
                + "  }\n}\n");
        nat = made;
        return made;
    }

    /** Takes the namespace's link down, as a patient's Wi-Fi drops: nothing passes, nothing is closed. */
    public void cutLink() {
        run("ip", "-n", name, "link", "set", requireNat().linkInside(), "down");
    }

    /** Brings the link back with its default route (taking a link down removes the routes through it). */
    public void restoreLink() {
        Nat n = requireNat();
        run("ip", "-n", name, "link", "set", n.linkInside(), "up");
        run("ip", "-n", name, "route", "replace", "default", "via", n.gateway());
    }

    /**
     * Makes the namespace's link weak, as a patient's poor Wi-Fi or mobile network: {@code lossPercent} of the
     * packets in each direction are dropped at random (nftables {@code numgen}, in a table named after the namespace;
     * this kernel has no netem) and what the namespace sends is capped at {@code uploadKbit} (a {@code tbf} qdisc on
     * its interface). {@link #restoreQuality()} takes both away; deleting the namespace does too.
     */
    public void degradeLink(int lossPercent, int uploadKbit) {
        Nat n = requireNat();
        String link = "\"" + n.linkInside() + "\"";
        String loss = "numgen random mod 100 < " + lossPercent + " drop";
        nft("table inet " + lossTable() + " {\n"
                + "  chain in {\n    type filter hook input priority 0; policy accept;\n    iifname " + link + " "
                + loss + "\n  }\n"
                + "  chain out {\n    type filter hook output priority 0; policy accept;\n    oifname " + link + " "
                + loss + "\n  }\n}\n");
        run(command("tc", "qdisc", "replace", "dev", n.linkInside(), "root", "tbf", "rate", uploadKbit + "kbit",
                "burst", "8kb", "latency", "300ms").toArray(String[]::new));
    }

    /** Takes away what {@link #degradeLink} did: no more loss, no cap. */
    public void restoreQuality() {
        Nat n = requireNat();
        exitCode(command("nft", "delete", "table", "inet", lossTable()));
        exitCode(command("tc", "qdisc", "del", "dev", n.linkInside(), "root"));
    }

    private String lossTable() {
        return name.replace('-', '_') + "_loss";
    }

    private Nat requireNat() {
        if (nat == null) {
            throw new IllegalStateException("behindNat first");
        }
        return nat;
    }

    /**
     * Fails with what is missing when this machine cannot make namespaces: the tools, or the rights (root, or
     * CAP_NET_ADMIN and CAP_SYS_ADMIN). CI runs as root.
     */
    private static void missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("ip", "nft", "socat", "nsenter")) {
            if (exitCode(List.of("sh", "-c", "command -v " + tool)) != 0) {
                missing.add(tool + " (Debian: " + switch (tool) {
                    case "ip" -> "iproute2";
                    case "nft" -> "nftables";
                    case "nsenter" -> "util-linux";
                    default -> tool;
                } + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("network namespaces cannot be made here; missing: "
                    + String.join(", ", missing));
        }
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
        forwardIn(port, "127.0.0.1");
    }

    /**
     * Makes hostAddress:port of this machine reachable as 127.0.0.1:port inside the namespace, without passing the
     * namespace's own link: a page loaded this way is a secure context (camera and microphone allowed) while its
     * other traffic goes through the link.
     */
    public void forwardIn(int port, String hostAddress) {
        // socat reads ':' in an EXEC command as its own separator unless the command is quoted for it.
        String outside = "nsenter --net=/proc/" + ProcessHandle.current().pid() + "/ns/net socat STDIO TCP:"
                + hostAddress + ":" + port;
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
        Process p = start(List.of(command));
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command) + ": " + output
                        + (output.contains("Operation not permitted") ? " (network namespaces need root, or"
                        + " CAP_NET_ADMIN and CAP_SYS_ADMIN)" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void nftOnHost(String ruleset) {
        Process p = start(List.of("nft", "-f", "-"));
        try {
            p.getOutputStream().write(ruleset.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("nft refused the NAT rules: " + output + "\n" + ruleset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized void delete() {
        for (Process p : forwarders) {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        forwarders.clear();
        // Deleting the namespace removes its interfaces and nftables tables with it; this machine's side is ours.
        for (List<String> command : hostCleanup.reversed()) {
            exitCode(command);
        }
        hostCleanup.clear();
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
