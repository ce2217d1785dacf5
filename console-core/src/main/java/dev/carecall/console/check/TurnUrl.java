package dev.carecall.console.check;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code stun:}, {@code turn:} or {@code turns:} URL as the browser reads it: {@code turn:host[:port][?transport=
 * udp|tcp]}; {@code turn:} without a transport is UDP, {@code turns:} is TLS over TCP. Default ports 3478 and 5349.
 *
 * @param turn      a TURN URL (false: STUN)
 * @param transport how it is reached
 * @param host      host name or IP
 * @param port      port
 */
record TurnUrl(boolean turn, StunTransport.Kind transport, String host, int port) {

    static Optional<TurnUrl> parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean secure = lower.startsWith("turns:");
        boolean turn = secure || lower.startsWith("turn:");
        if (!turn && !lower.startsWith("stun:")) {
            return Optional.empty();
        }
        String rest = url.substring(url.indexOf(':') + 1);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1).toLowerCase(Locale.ROOT);
            rest = rest.substring(0, q);
        }
        int colon = rest.lastIndexOf(':');
        int port = secure ? 5349 : 3478;
        String host = rest;
        if (colon > 0 && !rest.endsWith("]")) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            host = rest.substring(0, colon);
        }
        host = host.replace("[", "").replace("]", "");
        if (host.isBlank()) {
            return Optional.empty();
        }
        StunTransport.Kind transport = secure ? StunTransport.Kind.TLS
                : query.contains("transport=tcp") ? StunTransport.Kind.TCP : StunTransport.Kind.UDP;
        return Optional.of(new TurnUrl(turn, transport, host, port));
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** {@code host:port TRANSPORT}: what IT opens on the firewall. */
    String target() {
        return host + ":" + port + " " + transport;
    }
}
