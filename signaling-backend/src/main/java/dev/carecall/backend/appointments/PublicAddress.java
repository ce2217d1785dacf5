package dev.carecall.backend.appointments;

import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
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
}
