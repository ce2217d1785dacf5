package dev.carecall.backend;

import dev.carecall.backend.cluster.RedisSettings;
import dev.carecall.backend.storage.TestPostgres;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.CallStatusView;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two backend instances in this JVM, each a full server through {@link CareCallServer#start}, on one PostgreSQL
 * schema and one Redis with a key prefix of this run's own (so concurrent builds never meet): what a load balancer
 * without sticky routing puts in front of. Instance A seeds the demo data; both have the same token secret.
 * {@link #close()} stops both, drops the schema and deletes whatever keys of the prefix are left.
 */
final class TwoInstances implements AutoCloseable {
    /** The machine's Redis, unless {@code -Dcarecall.test.redis=redis://host:port} names another. */
    static final String REDIS = System.getProperty("carecall.test.redis", "redis://127.0.0.1:6379");
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestPostgres schema;
    private final RedisSettings redis;
    private CareCallServer a;
    private CareCallServer b;

    private TwoInstances(TestPostgres schema, RedisSettings redis) {
        this.schema = schema;
        this.redis = redis;
    }

    /**
     * Both instances on a new schema and a new prefix of the Redis at {@code url}, with these settings groups
     * replaced (as {@link BackendSettings#with}).
     */
    static TwoInstances start(String url, Record... settings) {
        TestPostgres schema = TestPostgres.createSchema();
        RedisSettings redis = RedisSettings.at(URI.create(url)).withPrefix("carecall-it-" + UUID.randomUUID());
        TwoInstances two = new TwoInstances(schema, redis);
        try {
            BackendSettings base = BackendSettings.forTests().with(schema.settings(), redis).with(settings);
            two.a = CareCallServer.start(base);
            two.b = CareCallServer.start(new BackendSettings(base.server(), base.tls(), base.database(), false,
                    base.tokens(), base.sockets(), base.ice(), base.relay(), base.calls(), base.outbox(),
                    base.invitations(), base.transcripts(), base.redis()));
            return two;
        } catch (RuntimeException | Error e) {
            two.close();
            throw e;
        }
    }

    CareCallServer a() {
        return a;
    }

    CareCallServer b() {
        return b;
    }

    RedisSettings redis() {
        return redis;
    }

    /** {@code GET /api/appointments/{id}/call-status} on that instance. */
    static CallStatusView callStatus(CareCallServer server, long appointmentId, String token) {
        HttpResponse<String> response = get(server, "/api/appointments/" + appointmentId + "/call-status", token);
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.fromJson(response.body(), CallStatusView.class);
    }

    static HttpResponse<String> get(CareCallServer server, String path, String token) {
        return send(server, "GET", path, token, null);
    }

    /** A POST with a JSON body (or none). */
    static HttpResponse<String> post(CareCallServer server, String path, String token, String json) {
        return send(server, "POST", path, token, json);
    }

    private static HttpResponse<String> send(CareCallServer server, String method, String path, String token,
                                             String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return fail(path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }

    /** The keys of this run's prefix now in Redis. */
    static List<String> keys(RedisSettings redis) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.url()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().keys(redis.prefix() + ":*");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            try {
                if (a != null) {
                    a.close();
                }
            } finally {
                schema.dropSchema();
                deleteLeftKeys();
            }
        }
    }

    private void deleteLeftKeys() {
        RedisClient client = RedisClient.create(RedisURI.create(redis.url()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> left = c.sync().keys(redis.prefix() + ":*");
            if (!left.isEmpty()) {
                c.sync().del(left.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.out.println("could not clean up Redis keys " + redis.prefix() + ":*: " + e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
