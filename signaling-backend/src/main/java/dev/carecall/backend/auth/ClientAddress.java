package dev.carecall.backend.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request came from, as the sign-in throttle keys it. Behind a reverse proxy on the same machine
 * (the deployment's nginx) every connection comes from loopback, so there the proxy's {@code X-Forwarded-For} is
 * believed: its last entry, which that proxy wrote. From anywhere else the header is ignored, so a client cannot
 * pick its own address.
 */
public final class ClientAddress {
    /** An IPv4 or IPv6 literal, nothing else: what the header says is a key and an audit detail, kept short. */
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** The client's address: the peer's, or the forwarding loopback proxy's last {@code X-Forwarded-For} entry. */
    public static String of(ServerRequest req) {
        String peer = peer(req.remotePeer().address());
        if (!loopback(peer)) {
            return peer;
        }
        List<String> forwarded = req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of);
        if (forwarded.isEmpty()) {
            return peer;
        }
        String last = forwarded.getLast();
        String[] hops = last.split(",");
        String client = hops[hops.length - 1].strip();
        return IP.matcher(client).matches() ? client : peer;
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
    }
}
