package dev.carecall.backend.appointments;

import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Where clients reach this server. Configured addresses win; otherwise they are taken from the request itself,
 * which is right for the demo and for clients that reach the server directly.
 *
 * @param configuredBase      the public https address for join links, or null
 * @param configuredWebSocket the public WebSocket base (e.g. {@code wss://clinic.example.org:8444}), or null
 * @param webSocketPort       the WebSocket's own port as bound (known only once the server listens), or 0 when
 *                            it shares the HTTP port
 */
public record PublicAddress(URI configuredBase, URI configuredWebSocket, IntSupplier webSocketPort) {

    public URI base(ServerRequest req) {
        if (configuredBase != null) {
            return configuredBase;
        }
        return URI.create((req.isSecure() ? "https://" : "http://") + req.authority());
    }

    public URI webSocketBase(ServerRequest req) {
        if (configuredWebSocket != null) {
            return configuredWebSocket;
        }
        String scheme = req.isSecure() ? "wss://" : "ws://";
        int port = webSocketPort.getAsInt();
        if (port == 0) {
            return URI.create(scheme + req.authority());
        }
        String host = req.authority().replaceFirst(":\\d+$", "");
        return URI.create(scheme + host + ":" + port);
    }

    /**
     * The page origins a WebSocket on its own port accepts. A browser sends its page's origin with the upgrade, and
     * Helidon refuses an origin that differs from the Host header unless it is listed; on a port of its own the
     * WebSocket's host:port never equals the page's, so the page's origin must be listed: {@code carecall.url}'s,
     * and, when the server listens on one named address and a fixed port, that address's.
     *
     * @param configuredBase {@code carecall.url}, or null
     * @param host           {@code server.host}
     * @param port           the HTTP(S) port as configured (0: picked at start, so unknown here)
     * @param tls            whether the pages are served over https
     */
    public static Set<String> pageOrigins(URI configuredBase, String host, int port, boolean tls) {
        Set<String> origins = new LinkedHashSet<>();
        if (configuredBase != null) {
            origins.add(configuredBase.getScheme() + "://" + configuredBase.getHost()
                    + (configuredBase.getPort() == -1 ? "" : ":" + configuredBase.getPort()));
        }
        if (port != 0 && !"0.0.0.0".equals(host) && !"::".equals(host)) {
            origins.add((tls ? "https://" : "http://") + host + ":" + port);
        }
        return origins;
    }
}
