package dev.carecall.backend.security;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Origin allow-list of every WebSocket upgrade (room and lobby, on either port), so another site's page cannot
 * open a socket with a patient's or doctor's token it tricked out of them. Allowed: no Origin at all (the desktop
 * console and other programs send none; browsers always send one), the page's own origin (the Origin names the
 * host and port the upgrade reached), and the listed origins ({@code carecall.url}'s and
 * {@code carecall.websocket.origins}). Anything else is refused with 403 before the socket opens.
 */
public final class WebSocketOrigins {
    private static final System.Logger LOG = System.getLogger(WebSocketOrigins.class.getName());
    private final Set<String> allowed;

    /** @param allowed origins as {@code scheme://host[:port]}, compared without case and default ports */
    public WebSocketOrigins(Set<String> allowed) {
        this.allowed = allowed.stream().map(WebSocketOrigins::normalise).collect(java.util.stream.Collectors.toSet());
    }

    /** The socket, refused at the upgrade when the Origin is not allowed. */
    public WsListener around(WsListener socket) {
        return new Checked(socket);
    }

    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String o = normalise(origin);
        if (allowed.contains(o)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String authority = o.substring(o.indexOf("://") + 3);
        return authority.equals(withPort(host.toLowerCase(Locale.ROOT), o.startsWith("https") ? 443 : 80));
    }

    /** {@code scheme://host:port} in lower case, with the default port written out; garbage stays garbage. */
    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (RuntimeException e) {
            return "invalid:" + origin;
        }
    }

    private static String withPort(String host, int defaultPort) {
        return host.matches(".*:\\d+$") ? host : host + ":" + defaultPort;
    }

    private final class Checked implements WsListener {
        private final WsListener socket;

        Checked(WsListener socket) {
            this.socket = socket;
        }

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
            String origin = headers.first(HeaderNames.ORIGIN).orElse(null);
            String host = headers.first(HeaderNames.HOST).orElse(null);
            if (!allows(origin, host)) {
                LOG.log(System.Logger.Level.INFO, "WebSocket upgrade refused: origin not allowed");
                throw RequestException.builder().type(DirectHandler.EventType.FORBIDDEN)
                        .message("This origin may not open CareCall sockets.").build();
            }
            return socket.onHttpUpgrade(prologue, headers);
        }

        @Override
        public void onOpen(WsSession session) {
            socket.onOpen(session);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            socket.onMessage(session, text, last);
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            socket.onMessage(session, buffer, last);
        }

        @Override
        public void onPing(WsSession session, BufferData buffer) {
            socket.onPing(session, buffer);
        }

        @Override
        public void onPong(WsSession session, BufferData buffer) {
            socket.onPong(session, buffer);
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            socket.onClose(session, status, reason);
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            socket.onError(session, t);
        }
    }
}
