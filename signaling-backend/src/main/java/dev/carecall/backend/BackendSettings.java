package dev.carecall.backend;

import dev.carecall.backend.auth.TokenSettings;
import dev.carecall.backend.cluster.RedisSettings;
import dev.carecall.backend.ice.IceSettings;
import dev.carecall.backend.history.TranscriptSettings;
import dev.carecall.backend.invitations.InvitationSettings;
import dev.carecall.backend.outbox.OutboxSettings;
import dev.carecall.backend.room.RelaySettings;
import dev.carecall.backend.room.SocketSettings;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.protocol.ErrorCode;
import io.helidon.config.Config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the server needs to start, one record per group of {@code carecall.*} keys, each of which reads its own
 * keys. {@link #fromConfig} reads production settings ({@code application.yaml}, environment variables),
 * {@link #demo} and {@link #forTests} make the two fixed set-ups, {@link #of} the defaults and {@link #with} any
 * change of them.
 *
 * @param server      where the server listens and how it is reached from outside
 * @param tls         certificate files, or null for plain HTTP/WS
 * @param database    the database
 * @param demoData    whether to create the demo doctors and appointments at start
 * @param tokens      the tokens' secret and lifetimes
 * @param sockets     the register timeout and the keep-alive of lobby and room sockets
 * @param ice         STUN/TURN servers handed to clients
 * @param relay       what one socket may cost the others: send queue, stall limit, rates, idle rooms
 * @param calls       how long calls without anybody in them are kept
 * @param outbox      how often the outbox is read and how deliveries are retried (webhooks, invitations)
 * @param invitations where invitation mails and SMS go, and when the reminder goes
 * @param transcripts whether chat lines are stored with their call, and for how long
 * @param redis       where several instances meet (rooms across instances), or null to run alone
 */
public record BackendSettings(ServerSettings server, TlsFiles tls, DatabaseSettings database, boolean demoData,
                              TokenSettings tokens, SocketSettings sockets, IceSettings ice, RelaySettings relay,
                              CallGrace calls, OutboxSettings outbox, InvitationSettings invitations,
                              TranscriptSettings transcripts, RedisSettings redis) {

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

        /** {@code carecall.calls.restart.grace} and {@code carecall.calls.abandon.after}. */
        static CallGrace fromConfig(Config calls) {
            return new CallGrace(calls.get("restart.grace").as(Duration.class).orElse(DEFAULT.afterRestart),
                    calls.get("abandon.after").as(Duration.class).orElse(DEFAULT.abandonAfter));
        }
    }

    /** PEM files: the certificate chain and its private key. */
    public record TlsFiles(Path certificate, Path privateKey) {
        /** {@code carecall.tls.*}: both files are required unless {@code enabled} is false (behind a TLS proxy). */
        static TlsFiles fromConfig(Config tls) {
            if (!tls.get("enabled").asBoolean().orElse(true)) {
                return null;
            }
            String certificate = text(tls, "certificate");
            String key = text(tls, "key");
            if (certificate == null || key == null) {
                throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                        "Set carecall.tls.certificate and carecall.tls.key (CARECALL_TLS_CERTIFICATE, "
                                + "CARECALL_TLS_KEY) to the PEM files of the server certificate and its key, or "
                                + "carecall.tls.enabled=false behind a TLS proxy.");
            }
            return new TlsFiles(Path.of(certificate), Path.of(key));
        }
    }

    public BackendSettings {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(sockets, "sockets");
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(transcripts, "transcripts");
    }

    /**
     * The defaults of every other key: {@link ServerSettings#DEFAULTS} (loopback, a free port, the WebSocket on that
     * port), plain HTTP, {@link SocketSettings#DEFAULTS}, no STUN/TURN, the default relay limits, call grace, outbox
     * and invitations, no demo data. The database and the tokens' secret have no default.
     */
    public static BackendSettings of(DatabaseSettings database, TokenSettings tokens) {
        return defaults(database, tokens, false);
    }

    private static BackendSettings defaults(DatabaseSettings database, TokenSettings tokens, boolean demoData) {
        return new BackendSettings(ServerSettings.DEFAULTS, null, database, demoData, tokens, SocketSettings.DEFAULTS,
                IceSettings.NONE, RelaySettings.DEFAULTS, CallGrace.DEFAULT, OutboxSettings.DEFAULTS,
                InvitationSettings.DEFAULTS, TranscriptSettings.DEFAULTS, null);
    }

    /**
     * These settings with some groups replaced, each group by its type: {@code settings.with(
     * settings.sockets().withRoomKeepAlive(interval), RelaySettings.DEFAULTS.withRoomIdle(idle))}. Records have no
     * {@code with} of their own; this one copies every other component as it is, so a new group of settings needs no
     * method of its own here.
     *
     * @throws IllegalArgumentException if a part is of no component's type, or the result fails a check
     */
    public BackendSettings with(Record... parts) {
        RecordComponent[] components = BackendSettings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        List<Record> unused = new ArrayList<>(Arrays.asList(parts));
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(this);
                for (Record part : parts) {
                    if (part.getClass() == types[i]) {
                        values[i] = part;
                        unused.remove(part);
                    }
                }
            }
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("no settings group of type " + unused.getFirst().getClass());
            }
            return BackendSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException checkFailed ? checkFailed
                    : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("BackendSettings lost its canonical constructor", e);
        }
    }

    /** The same settings listening on another port ({@code --port=N}). */
    public BackendSettings withPort(int port) {
        return with(server.withPort(port));
    }

    /** Loopback, a free port, a fresh in-memory H2 database of its own, demo data, a random secret. */
    public static BackendSettings forTests() {
        DatabaseSettings database = new DatabaseSettings(
                "jdbc:h2:mem:carecall-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        return defaults(database, TokenSettings.withSecret(randomSecret()), true).with(OutboxSettings.FOR_TESTS,
                InvitationSettings.DEFAULTS.withMailDir(Path.of(System.getProperty("java.io.tmpdir"),
                        "carecall-test-mail")));
    }

    /** The demo: http on loopback, a file H2 database under {@code dataDir}, demo data, a random secret. */
    public static BackendSettings demo(int port, Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("carecall-demo").toString();
        return defaults(new DatabaseSettings("jdbc:h2:file:" + file, "sa", ""),
                TokenSettings.withSecret(randomSecret()), true).with(ServerSettings.DEFAULTS.withPort(port),
                InvitationSettings.DEFAULTS.withMailDir(dataDir.toAbsolutePath().resolve("mail")));
    }

    /** Production settings from {@code application.yaml} and the environment (keys in the module's README). */
    public static BackendSettings fromConfig(Config config) {
        Config c = config.get("carecall");
        Path dataDir = Path.of(c.get("data.dir").asString().orElse("./data"));
        String dbUrl = text(c, "db.url");
        DatabaseSettings database = new DatabaseSettings(
                dbUrl != null ? dbUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("carecall"),
                text(c, "db.username"), text(c, "db.password"));
        TokenSettings tokens = TokenSettings.fromConfig(c.get("auth"));
        TlsFiles tls = TlsFiles.fromConfig(c.get("tls"));
        List<Record> groups = new ArrayList<>(List.of(ServerSettings.fromConfig(config), SocketSettings.fromConfig(c),
                IceSettings.fromConfig(c), RelaySettings.fromConfig(c.get("relay")),
                CallGrace.fromConfig(c.get("calls")), OutboxSettings.fromConfig(c.get("outbox")),
                InvitationSettings.fromConfig(c, dataDir), TranscriptSettings.fromConfig(c.get("chat"))));
        if (tls != null) {
            groups.add(tls);
        }
        RedisSettings redis = RedisSettings.fromConfig(c.get("redis"));
        if (redis != null) {
            groups.add(redis);
        }
        return of(database, tokens).with(groups.toArray(Record[]::new));
    }

    static String text(Config c, String key) {
        return c.get(key).asString().filter(s -> !s.isBlank()).orElse(null);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
