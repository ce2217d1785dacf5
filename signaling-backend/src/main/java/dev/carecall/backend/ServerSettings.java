package dev.carecall.backend;

import dev.carecall.protocol.ErrorCode;
import io.helidon.config.Config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the server listens and how it is reached from outside.
 *
 * @param host             interface to listen on
 * @param port             HTTP(S) port; 0 picks a free one
 * @param webSocketPort    the WebSocket's own port (0 picks a free one), or null to serve it on {@code port}
 * @param publicUrl        public address for join links, or null to take it from each request
 * @param webSocketUrl     public WebSocket base for {@code /api/info}, or null to derive it
 * @param webSocketOrigins page origins allowed to open sockets besides the page's own and {@code publicUrl}'s
 */
public record ServerSettings(String host, int port, Integer webSocketPort, URI publicUrl, URI webSocketUrl,
                             List<String> webSocketOrigins) {
    /** Loopback, a free port, the WebSocket on that port, addresses taken from each request. */
    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 0, null, null, null, List.of());

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        webSocketOrigins = List.copyOf(webSocketOrigins);
    }

    /** The same, on another port ({@code --port=N}, or a test's free port). */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, webSocketPort, publicUrl, webSocketUrl, webSocketOrigins);
    }

    /**
     * {@code server.host}, {@code server.port}, {@code carecall.url} (required), {@code carecall.websocket.port},
     * {@code .url} and {@code .origins}, read from the configuration's root.
     */
    static ServerSettings fromConfig(Config root) {
        Config c = root.get("carecall");
        String publicUrl = BackendSettings.text(c, "url");
        if (publicUrl == null) {
            // Without it join links would take the Host header of whoever asked: a forged Host makes links to
            // another site.
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "Set carecall.url (environment CARECALL_URL) to the public address of the patient page, e.g. "
                            + "https://clinic.example.org:8443: join links and the allowed page origin come from it.");
        }
        int wsPort = c.get("websocket.port").asInt().orElse(8444);
        String wsUrl = BackendSettings.text(c, "websocket.url");
        return new ServerSettings(root.get("server.host").asString().orElse("0.0.0.0"),
                root.get("server.port").asInt().orElse(8443),
                wsPort == 0 ? null : wsPort,
                URI.create(publicUrl),
                wsUrl == null ? null : URI.create(wsUrl),
                splitUrls(c.get("websocket.origins").asString().orElse("")));
    }

    /** A comma-separated list of URLs, blanks dropped. */
    public static List<String> splitUrls(String urls) {
        return Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    }
}
