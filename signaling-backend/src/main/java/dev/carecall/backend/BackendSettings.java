package dev.carecall.backend;

import dev.carecall.backend.cluster.RedisSettings;
import dev.carecall.backend.ice.TurnSettings;
import dev.carecall.backend.invitations.InvitationSettings;
import dev.carecall.backend.outbox.OutboxSettings;
import dev.carecall.backend.room.RelaySettings;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.IceServer;
import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the server needs to start. {@link #fromConfig} reads production settings ({@code application.yaml},
 * environment variables), {@link #demo} and {@link #forTests} make the two fixed set-ups, {@link #builder()} and
 * {@link #toBuilder()} any other.
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
 * @param keepAlive           how often the server pings each lobby socket; one silent for three times this is dropped
 * @param roomKeepAlive       the same for room sockets, shorter: a patient who vanished mid-call must show as gone
 *                            within seconds, not a minute
 * @param turn                a TURN server whose credentials are minted per person from its shared secret, or null
 * @param revocationRefresh   how often sign-outs recorded by other instances are read (and expired ones deleted)
 * @param relay               what one socket may cost the others: send queue, stall limit, rates, idle rooms
 * @param calls               how long calls without anybody in them are kept
 * @param webSocketOrigins    page origins allowed to open sockets besides the page's own and {@code publicUrl}'s
 * @param outbox              how often the outbox is read and how deliveries are retried (webhooks, invitations)
 * @param invitations         where invitation mails and SMS go, and when the reminder goes
 * @param redis               where several instances meet (rooms across instances), or null to run alone
 */
public record BackendSettings(String host, int port, Integer webSocketPort, TlsFiles tls, URI publicUrl,
                              URI webSocketUrl, DatabaseSettings database, String tokenSecret,
                              Duration doctorTokenValidity, Duration patientLinkValidity, Duration registerTimeout,
                              List<IceServer> iceServers, boolean demoData, Duration keepAlive, Duration roomKeepAlive,
                              TurnSettings turn, Duration revocationRefresh, RelaySettings relay, CallGrace calls,
                              List<String> webSocketOrigins, OutboxSettings outbox, InvitationSettings invitations,
                              RedisSettings redis) {

    /** Default ping interval: a dead connection (a laptop closed mid-call) is noticed within 45 seconds. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    /**
     * Default ping interval of room sockets: a connection whose TCP went silent (no close, no reset) is dropped
     * after three missed intervals, so the other party and {@code call-status} learn it within 10 seconds.
     */
    public static final Duration DEFAULT_ROOM_KEEP_ALIVE = Duration.ofSeconds(2);

    /**
     * How long a waiting or running call is kept while nobody is in it.
     *
     * @param afterRestart a call the server found waiting or running when it started (its last process died) ends as
     *                     {@code server_restart} unless someone re-registered within this time; a few seconds more
     *                     than the clients' 3-second reconnect
     * @param abandonAfter a call both parties left ends as {@code abandoned} after this long
     */
    public record CallGrace(Duration afterRestart, Duration abandonAfter) {
        /** 8 seconds after a restart, 2 minutes after both left. */
        public static final CallGrace DEFAULT = new CallGrace(Duration.ofSeconds(8), Duration.ofMinutes(2));

        public CallGrace {
            if (afterRestart == null || afterRestart.isNegative() || abandonAfter == null || abandonAfter.isNegative()) {
                throw new IllegalArgumentException("call grace periods must be zero or positive");
            }
        }
    }

    /** PEM files: the certificate chain and its private key. */
    public record TlsFiles(Path certificate, Path privateKey) {
    }

    public BackendSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        Objects.requireNonNull(doctorTokenValidity, "doctorTokenValidity");
        Objects.requireNonNull(patientLinkValidity, "patientLinkValidity");
        Objects.requireNonNull(registerTimeout, "registerTimeout");
        Objects.requireNonNull(calls, "calls");
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(relay, "relay");
        webSocketOrigins = List.copyOf(webSocketOrigins);
        if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive");
        }
        if (roomKeepAlive == null || roomKeepAlive.isNegative() || roomKeepAlive.isZero()) {
            throw new IllegalArgumentException("roomKeepAlive must be positive");
        }
        if (revocationRefresh == null || revocationRefresh.isNegative() || revocationRefresh.isZero()) {
            throw new IllegalArgumentException("revocationRefresh must be positive");
        }
    }

    /**
     * Settings with the defaults of every key: loopback, a free port, the WebSocket on that port, plain HTTP, sign-in
     * for 12 hours, links for 2 hours after the appointment, other instances' sign-outs read every 30 seconds, 5
     * seconds to register, a 15-second keep-alive (2 seconds on room sockets), no STUN/TURN, no demo data. The
     * database and the secret have no default.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Loopback, a free port, a fresh in-memory H2 database of its own, demo data, a random secret. */
    public static BackendSettings forTests() {
        return builder()
                .database(new DatabaseSettings("jdbc:h2:mem:carecall-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "sa", ""))
                .tokenSecret(randomSecret())
                .demoData(true)
                .outbox(OutboxSettings.FOR_TESTS)
                .invitations(InvitationSettings.DEFAULTS.withMailDir(Path.of(System.getProperty("java.io.tmpdir"),
                        "carecall-test-mail")))
                .build();
    }

    /** The demo: http on loopback, a file H2 database under {@code dataDir}, demo data, a random secret. */
    public static BackendSettings demo(int port, Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("carecall-demo").toString();
        return builder()
                .port(port)
                .database(new DatabaseSettings("jdbc:h2:file:" + file, "sa", ""))
                .tokenSecret(randomSecret())
                .demoData(true)
                .invitations(InvitationSettings.DEFAULTS.withMailDir(dataDir.toAbsolutePath().resolve("mail")))
                .build();
    }

    /** Production settings from {@code application.yaml} and the environment (keys in the module's README). */
    public static BackendSettings fromConfig(Config config) {
        Config c = config.get("carecall");
        Path dataDir = Path.of(c.get("data.dir").asString().orElse("./data"));
        String dbUrl = text(c, "db.url");
        DatabaseSettings database = new DatabaseSettings(
                dbUrl != null ? dbUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("carecall"),
                text(c, "db.username"), text(c, "db.password"));
        String secret = text(c, "auth.secret");
        if (secret == null || secret.length() < 32) {
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "Set carecall.auth.secret (environment CARECALL_AUTH_SECRET) to a random text of at least 32 "
                            + "characters; keep it the same across restarts or every sign-in and link stops working.");
        }
        TlsFiles tls = null;
        if (c.get("tls.enabled").asBoolean().orElse(true)) {
            String certificate = text(c, "tls.certificate");
            String key = text(c, "tls.key");
            if (certificate == null || key == null) {
                throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                        "Set carecall.tls.certificate and carecall.tls.key (CARECALL_TLS_CERTIFICATE, "
                                + "CARECALL_TLS_KEY) to the PEM files of the server certificate and its key, or "
                                + "carecall.tls.enabled=false behind a TLS proxy.");
            }
            tls = new TlsFiles(Path.of(certificate), Path.of(key));
        }
        int wsPort = c.get("websocket.port").asInt().orElse(8444);
        String publicUrl = text(c, "url");
        if (publicUrl == null) {
            // Without it join links would take the Host header of whoever asked: a forged Host makes links to
            // another site.
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "Set carecall.url (environment CARECALL_URL) to the public address of the patient page, e.g. "
                            + "https://clinic.example.org:8443: join links and the allowed page origin come from it.");
        }
        String wsUrl = text(c, "websocket.url");
        Builder b = builder()
                .host(config.get("server.host").asString().orElse("0.0.0.0"))
                .port(config.get("server.port").asInt().orElse(8443))
                .webSocketPort(wsPort == 0 ? null : wsPort)
                .tls(tls)
                .publicUrl(publicUrl == null ? null : URI.create(publicUrl))
                .webSocketUrl(wsUrl == null ? null : URI.create(wsUrl))
                .database(database)
                .tokenSecret(secret)
                .iceServers(iceServers(c))
                .turn(turn(c))
                .webSocketOrigins(splitUrls(c.get("websocket.origins").asString().orElse("")));
        c.get("auth.doctor.validity").as(Duration.class).ifPresent(b::doctorTokenValidity);
        c.get("auth.patient.validity").as(Duration.class).ifPresent(b::patientLinkValidity);
        c.get("auth.revocation.refresh").as(Duration.class).ifPresent(b::revocationRefresh);
        c.get("register.timeout").as(Duration.class).ifPresent(b::registerTimeout);
        c.get("websocket.keepalive").as(Duration.class).ifPresent(b::keepAlive);
        b.outbox(OutboxSettings.fromConfig(c.get("outbox")));
        b.invitations(InvitationSettings.fromConfig(c, dataDir));
        b.relay(relay(c.get("relay")));
        b.calls(new CallGrace(
                c.get("calls.restart.grace").as(Duration.class).orElse(CallGrace.DEFAULT.afterRestart()),
                c.get("calls.abandon.after").as(Duration.class).orElse(CallGrace.DEFAULT.abandonAfter())));
        c.get("websocket.room-keepalive").as(Duration.class).ifPresent(b::roomKeepAlive);
        b.redis(RedisSettings.fromConfig(c.get("redis")));
        return b.build();
    }

    /** Collects settings; {@link #build()} checks them. Unset keys keep the defaults {@link #builder()} lists. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Integer webSocketPort;
        private TlsFiles tls;
        private URI publicUrl;
        private URI webSocketUrl;
        private DatabaseSettings database;
        private String tokenSecret;
        private Duration doctorTokenValidity = Duration.ofHours(12);
        private Duration patientLinkValidity = Duration.ofHours(2);
        private Duration revocationRefresh = Duration.ofSeconds(30);
        private Duration registerTimeout = Duration.ofSeconds(5);
        private List<IceServer> iceServers = List.of();
        private boolean demoData;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private OutboxSettings outbox = OutboxSettings.DEFAULTS;
        private InvitationSettings invitations = InvitationSettings.DEFAULTS;
        private Duration roomKeepAlive = DEFAULT_ROOM_KEEP_ALIVE;
        private TurnSettings turn;
        private RelaySettings relay = RelaySettings.DEFAULTS;
        private CallGrace calls = CallGrace.DEFAULT;
        private List<String> webSocketOrigins = List.of();
        private RedisSettings redis;

        private Builder() {
        }

        private Builder(BackendSettings s) {
            host = s.host;
            port = s.port;
            webSocketPort = s.webSocketPort;
            tls = s.tls;
            publicUrl = s.publicUrl;
            webSocketUrl = s.webSocketUrl;
            database = s.database;
            tokenSecret = s.tokenSecret;
            doctorTokenValidity = s.doctorTokenValidity;
            patientLinkValidity = s.patientLinkValidity;
            registerTimeout = s.registerTimeout;
            iceServers = s.iceServers;
            demoData = s.demoData;
            keepAlive = s.keepAlive;
            outbox = s.outbox;
            invitations = s.invitations;
            roomKeepAlive = s.roomKeepAlive;
            turn = s.turn;
            revocationRefresh = s.revocationRefresh;
            relay = s.relay;
            calls = s.calls;
            webSocketOrigins = s.webSocketOrigins;
            redis = s.redis;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder webSocketPort(Integer webSocketPort) {
            this.webSocketPort = webSocketPort;
            return this;
        }

        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        public Builder publicUrl(URI publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        public Builder webSocketUrl(URI webSocketUrl) {
            this.webSocketUrl = webSocketUrl;
            return this;
        }

        public Builder database(DatabaseSettings database) {
            this.database = database;
            return this;
        }

        public Builder tokenSecret(String tokenSecret) {
            this.tokenSecret = tokenSecret;
            return this;
        }

        public Builder doctorTokenValidity(Duration validity) {
            this.doctorTokenValidity = validity;
            return this;
        }

        public Builder patientLinkValidity(Duration validity) {
            this.patientLinkValidity = validity;
            return this;
        }

        public Builder registerTimeout(Duration timeout) {
            this.registerTimeout = timeout;
            return this;
        }

        public Builder iceServers(List<IceServer> servers) {
            this.iceServers = servers;
            return this;
        }

        public Builder demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        public Builder keepAlive(Duration interval) {
            this.keepAlive = interval;
            return this;
        }

        /** Ping interval of room sockets (default {@link #DEFAULT_ROOM_KEEP_ALIVE}). */
        public Builder roomKeepAlive(Duration interval) {
            this.roomKeepAlive = interval;
            return this;
        }

        /** A TURN server whose credentials are minted per person, or null for none (static users stay possible). */
        public Builder turn(TurnSettings server) {
            this.turn = server;
            return this;
        }

        /** Page origins ({@code https://host[:port]}) allowed to open sockets besides the page's own. */
        public Builder webSocketOrigins(List<String> origins) {
            this.webSocketOrigins = origins;
            return this;
        }

        /** How often this instance reads the sign-outs other instances stored, and deletes expired ones. */
        public Builder revocationRefresh(Duration interval) {
            this.revocationRefresh = interval;
            return this;
        }

        /** Send queue, stall limit, task timeout, idle rooms and rates; {@link RelaySettings#DEFAULTS} unless set. */
        public Builder relay(RelaySettings relay) {
            this.relay = relay;
            return this;
        }

        /** How long calls without anybody in them are kept ({@link CallGrace#DEFAULT} unless set). */
        public Builder calls(CallGrace grace) {
            this.calls = grace;
            return this;
        }

        public Builder invitations(InvitationSettings invitations) {
            this.invitations = invitations;
            return this;
        }

        public Builder outbox(OutboxSettings outbox) {
            this.outbox = outbox;
            return this;
        }

        /** Where several instances meet; null (the default) runs this one alone. */
        public Builder redis(RedisSettings redis) {
            this.redis = redis;
            return this;
        }

        public BackendSettings build() {
            return new BackendSettings(host, port, webSocketPort, tls, publicUrl, webSocketUrl, database, tokenSecret,
                    doctorTokenValidity, patientLinkValidity, registerTimeout, iceServers, demoData, keepAlive,
                    roomKeepAlive, turn, revocationRefresh, relay, calls, webSocketOrigins, outbox, invitations, redis);
        }
    }

    /** {@code carecall.relay.*}: each key falls back to {@link RelaySettings#DEFAULTS}. */
    private static RelaySettings relay(Config c) {
        RelaySettings d = RelaySettings.DEFAULTS;
        return new RelaySettings(c.get("send-queue").asInt().orElse(d.sendQueue()),
                c.get("send-stall").as(Duration.class).orElse(d.sendStall()),
                c.get("task-timeout").as(Duration.class).orElse(d.taskTimeout()),
                c.get("room-idle").as(Duration.class).orElse(d.roomIdle()),
                rate(c.get("rate.signals"), d.signals()), rate(c.get("rate.chat"), d.chat()),
                rate(c.get("rate.media-state"), d.mediaState()), rate(c.get("rate.call-actions"), d.callActions()));
    }

    private static RelaySettings.Rate rate(Config c, RelaySettings.Rate fallback) {
        return new RelaySettings.Rate(c.get("burst").asInt().orElse(fallback.burst()),
                c.get("per-second").asDouble().orElse(fallback.perSecond()));
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
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "carecall.turn.secret is set but carecall.turn.urls is not: list the TURN server's turn: and "
                            + "turns: URLs, comma-separated.");
        }
        try {
            return new TurnSettings(splitUrls(urls), secret,
                    c.get("turn.ttl").as(Duration.class).orElse(TurnSettings.DEFAULT_TTL));
        } catch (IllegalArgumentException e) {
            throw new CareCallException(ErrorCode.INTERNAL_ERROR, e.getMessage());
        }
    }

    private static String turnUrls(Config c) {
        String urls = text(c, "turn.urls");
        return urls != null ? urls : text(c, "turn.url");
    }

    private static List<String> splitUrls(String urls) {
        return java.util.Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
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
