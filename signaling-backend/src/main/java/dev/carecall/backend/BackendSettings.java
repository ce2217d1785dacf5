package dev.carecall.backend;

import dev.carecall.backend.ice.TurnSettings;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.protocol.IceServer;
import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Everything the server needs to start. {@link #fromConfig} reads production settings ({@code application.yaml},
 * environment variables), {@link #demo} and {@link #forTests} make the two fixed set-ups.
 *
 * @param host                interface to listen on
 * @param port                HTTP(S) port; 0 picks a free one
 * @param webSocketPort       the WebSocket's own port (0 picks a free one), or null to serve it on {@code port}
 * @param tls                 certificate files, or null for plain HTTP/WS
 * @param publicUrl           public address for join links, or null to take it from each request
 * @param webSocketUrl        public WebSocket base for {@code /api/info}, or null to derive it
 * @param database            the database
 * @param tokenSecret         HMAC secret of all tokens (at least 32 characters)
 * @param doctorTokenValidity how long a sign-in lasts
 * @param patientLinkValidity how long a join link works after the appointment's time
 * @param registerTimeout     how long a new socket may take to send {@code register}
 * @param iceServers          STUN/TURN servers handed to clients
 * @param demoData            whether to create the demo doctors and appointments at start
 * @param keepAlive           how often the server pings each socket; one silent for three times this is dropped
 * @param turn                a TURN server whose credentials are minted per person from its shared secret, or null
 */
public record BackendSettings(String host, int port, Integer webSocketPort, TlsFiles tls, URI publicUrl,
                              URI webSocketUrl, DatabaseSettings database, String tokenSecret,
                              Duration doctorTokenValidity, Duration patientLinkValidity, Duration registerTimeout,
                              List<IceServer> iceServers, boolean demoData, Duration keepAlive, TurnSettings turn) {

    /** Default ping interval: a dead connection (a laptop closed mid-call) is noticed within 45 seconds. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    /** PEM files: the certificate chain and its private key. */
    public record TlsFiles(Path certificate, Path privateKey) {
    }

    public BackendSettings {
        iceServers = List.copyOf(iceServers);
        if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive");
        }
    }

    /** The settings without a TURN secret (the shape before minted TURN credentials). */
    public BackendSettings(String host, int port, Integer webSocketPort, TlsFiles tls, URI publicUrl,
                           URI webSocketUrl, DatabaseSettings database, String tokenSecret,
                           Duration doctorTokenValidity, Duration patientLinkValidity, Duration registerTimeout,
                           List<IceServer> iceServers, boolean demoData, Duration keepAlive) {
        this(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret, doctorTokenValidity,
                patientLinkValidity, registerTimeout, iceServers, demoData, keepAlive, null);
    }

    /** The settings with the default keep-alive (the shape before keep-alive was configurable). */
    public BackendSettings(String host, int port, Integer webSocketPort, TlsFiles tls, URI publicUrl,
                           URI webSocketUrl, DatabaseSettings database, String tokenSecret,
                           Duration doctorTokenValidity, Duration patientLinkValidity, Duration registerTimeout,
                           List<IceServer> iceServers, boolean demoData) {
        this(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret, doctorTokenValidity,
                patientLinkValidity, registerTimeout, iceServers, demoData, DEFAULT_KEEP_ALIVE);
    }

    /** Loopback, a free port, a fresh in-memory H2 database of its own, demo data, a random secret. */
    public static BackendSettings forTests() {
        return new BackendSettings("127.0.0.1", 0, null, null, null, null,
                new DatabaseSettings("jdbc:h2:mem:carecall-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                randomSecret(), Duration.ofHours(12), Duration.ofDays(2), Duration.ofSeconds(5), List.of(), true);
    }

    /** The demo: http on loopback, a file H2 database under {@code dataDir}, demo data, a random secret. */
    public static BackendSettings demo(int port, Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("carecall-demo").toString();
        return new BackendSettings("127.0.0.1", port, null, null, null, null,
                new DatabaseSettings("jdbc:h2:file:" + file, "sa", ""), randomSecret(), Duration.ofHours(12),
                Duration.ofDays(2), Duration.ofSeconds(5), List.of(), true);
    }

    /** Production settings from {@code application.yaml} and the environment (keys in README.md). */
    public static BackendSettings fromConfig(Config config) {
        Config c = config.get("carecall");
        Path dataDir = Path.of(c.get("data.dir").asString().orElse("./data"));
        String dbUrl = text(c, "db.url");
        DatabaseSettings database = new DatabaseSettings(
                dbUrl != null ? dbUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("carecall"),
                text(c, "db.username"), text(c, "db.password"));
        String secret = text(c, "auth.secret");
        if (secret == null || secret.length() < 32) {
            throw new CareCallException(dev.carecall.protocol.ErrorCode.INTERNAL_ERROR,
                    "Set carecall.auth.secret (environment CARECALL_AUTH_SECRET) to a random text of at least 32 "
                            + "characters; keep it the same across restarts or every sign-in and link stops working.");
        }
        TlsFiles tls = null;
        if (c.get("tls.enabled").asBoolean().orElse(true)) {
            String certificate = text(c, "tls.certificate");
            String key = text(c, "tls.key");
            if (certificate == null || key == null) {
                throw new CareCallException(dev.carecall.protocol.ErrorCode.INTERNAL_ERROR,
                        "Set carecall.tls.certificate and carecall.tls.key (CARECALL_TLS_CERTIFICATE, "
                                + "CARECALL_TLS_KEY) to the PEM files of the server certificate and its key, or "
                                + "carecall.tls.enabled=false behind a TLS proxy.");
            }
            tls = new TlsFiles(Path.of(certificate), Path.of(key));
        }
        int wsPort = c.get("websocket.port").asInt().orElse(8444);
        String publicUrl = text(c, "url");
        String wsUrl = text(c, "websocket.url");
        return new BackendSettings(config.get("server.host").asString().orElse("0.0.0.0"),
                config.get("server.port").asInt().orElse(8443), wsPort == 0 ? null : wsPort, tls,
                publicUrl == null ? null : URI.create(publicUrl), wsUrl == null ? null : URI.create(wsUrl), database,
                secret, c.get("auth.doctor.validity").as(Duration.class).orElse(Duration.ofHours(12)),
                c.get("auth.patient.validity").as(Duration.class).orElse(Duration.ofDays(2)),
                c.get("register.timeout").as(Duration.class).orElse(Duration.ofSeconds(5)), iceServers(c), false,
                c.get("websocket.keepalive").as(Duration.class).orElse(DEFAULT_KEEP_ALIVE), turn(c));
    }

    public BackendSettings withDatabase(DatabaseSettings db) {
        return new BackendSettings(host, port, webSocketPort, tls, publicUrl, webSocketUrl, db, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData,
                keepAlive, turn);
    }

    public BackendSettings withPort(int httpPort) {
        return new BackendSettings(host, httpPort, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData,
                keepAlive, turn);
    }

    public BackendSettings withKeepAlive(Duration interval) {
        return new BackendSettings(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData, interval, turn);
    }

    public BackendSettings withIceServers(List<IceServer> servers) {
        return new BackendSettings(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, servers, demoData,
                keepAlive, turn);
    }

    public BackendSettings withWebSocketPort(Integer wsPort) {
        return new BackendSettings(host, port, wsPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData,
                keepAlive, turn);
    }

    public BackendSettings withTls(TlsFiles files) {
        return new BackendSettings(host, port, webSocketPort, files, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData,
                keepAlive, turn);
    }

    public BackendSettings withTurn(TurnSettings server) {
        return new BackendSettings(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData, keepAlive, server);
    }

    /**
     * {@code carecall.turn.urls} with {@code carecall.turn.secret}: credentials minted per person. The same URLs with
     * {@code carecall.turn.username} / {@code .credential} instead are a static user ({@link #iceServers}).
     */
    private static TurnSettings turn(Config c) {
        String secret = text(c, "turn.secret");
        if (secret == null) {
            return null;
        }
        String urls = turnUrls(c);
        if (urls == null) {
            throw new CareCallException(dev.carecall.protocol.ErrorCode.INTERNAL_ERROR,
                    "carecall.turn.secret is set but carecall.turn.urls is not: list the TURN server's turn: and "
                            + "turns: URLs, comma-separated.");
        }
        try {
            return new TurnSettings(splitUrls(urls), secret,
                    c.get("turn.ttl").as(Duration.class).orElse(TurnSettings.DEFAULT_TTL));
        } catch (IllegalArgumentException e) {
            throw new CareCallException(dev.carecall.protocol.ErrorCode.INTERNAL_ERROR, e.getMessage());
        }
    }

    private static String turnUrls(Config c) {
        String urls = text(c, "turn.urls");
        return urls != null ? urls : text(c, "turn.url");
    }

    private static List<String> splitUrls(String urls) {
        return java.util.Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    private static List<IceServer> iceServers(Config c) {
        List<IceServer> servers = new ArrayList<>();
        for (Config server : c.get("ice.servers").asNodeList().orElse(List.of())) {
            servers.add(new IceServer(server.get("urls").asList(String.class).orElse(List.of()),
                    server.get("username").asString().orElse(null),
                    server.get("credential").asString().orElse(null)));
        }
        String turn = turnUrls(c);
        if (turn != null && text(c, "turn.secret") == null) {
            servers.add(new IceServer(splitUrls(turn), text(c, "turn.username"), text(c, "turn.credential")));
        }
        return servers;
    }

    private static String text(Config c, String key) {
        return c.get(key).asString().filter(s -> !s.isBlank()).orElse(null);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
