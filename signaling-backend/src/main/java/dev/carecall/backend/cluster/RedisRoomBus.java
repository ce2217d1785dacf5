package dev.carecall.backend.cluster;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.LoginThrottle;
import dev.carecall.backend.room.Revocation;
import dev.carecall.backend.room.RoomBus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The room bus on Redis (Lettuce). One pub/sub channel, {@code <prefix>:rooms}, carries every instance's
 * {@link BusMessage}s; each instance publishes through one connection, so Redis hands them on in the order they
 * were sent, and this instance's subscriber takes them in in that order. Presence is one key per seat,
 * {@code <prefix>:presence:<appointment>:<role>}, holding the instance id and expiring after
 * {@link RedisSettings#presenceTtl()} unless the instance refreshes it (every third of that): an instance killed
 * with its sockets stops counting as their host within that time.
 *
 * <p>Lettuce reconnects by itself and subscribes again; while it is disconnected commands fail at once
 * (never queued to be sent late), so {@link #deliver} can tell its caller that a message did not go.
 */
public final class RedisRoomBus implements RoomBus {
    private static final System.Logger LOG = System.getLogger(RedisRoomBus.class.getName());
    /**
     * How long a command (and the connection's handshake) may take. Generous: on a loaded machine a handshake took
     * over 2 s. While Redis is gone commands fail at once anyway (the connection is down, nothing is queued).
     */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Deletes a presence key only if this instance still holds it (the person may be back elsewhere already). */
    private static final String DELETE_IF_MINE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /** Extends a presence key this instance holds, or sets it again if it expired meanwhile (Redis restarted). */
    private static final String REFRESH_IF_MINE = "local v = redis.call('get', KEYS[1]) "
            + "if v == false or v == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            + "return 0";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final ProtocolCodec codec;
    private final String prefix;
    private final String channel;
    private final long ttlMillis;
    /** This process: a new id at every start, so a restarted instance never takes a dead one's keys for its own. */
    private final String instance = UUID.randomUUID().toString().substring(0, 13);
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("redis-presence").factory());
    private volatile Inbound inbound;

    private RedisRoomBus(RedisClient client, StatefulRedisConnection<String, String> connection,
                         StatefulRedisPubSubConnection<String, String> subscriber, ProtocolCodec codec,
                         RedisSettings settings) {
        this.client = client;
        this.connection = connection;
        this.subscriber = subscriber;
        this.codec = codec;
        this.prefix = settings.prefix();
        this.channel = prefix + ":rooms";
        this.ttlMillis = settings.presenceTtl().toMillis();
    }

    /**
     * Connects to Redis and subscribes to the rooms' channel.
     *
     * @throws CareCallException if Redis cannot be reached: an instance that cannot meet the others does not start
     */
    public static RedisRoomBus open(RedisSettings settings, ProtocolCodec codec) {
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
            RedisRoomBus bus = new RedisRoomBus(client, connection, subscriber, codec, settings);
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    bus.received(message);
                }
            });
            subscriber.sync().subscribe(bus.channel);
            long every = Math.max(200, bus.ttlMillis / 3);
            bus.refresher.scheduleWithFixedDelay(bus::refreshPresence, every, every, TimeUnit.MILLISECONDS);
            LOG.log(Level.INFO, "room bus on Redis, channel " + bus.channel + ", this instance " + bus.instance);
            return bus;
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
            throw new CareCallException(ErrorCode.INTERNAL_ERROR, "Redis at carecall.redis.url cannot be reached ("
                    + e.getMessage() + "). Start it, or leave carecall.redis.url unset to run a single instance.", e);
        }
    }

    /**
     * The sign-in throttle's counts in this Redis, shared by every instance; {@code fallback} counts while Redis
     * cannot be reached.
     */
    public LoginThrottle.Counts throttleCounts(LoginThrottle.Counts fallback) {
        return new RedisThrottleCounts(connection, prefix, fallback);
    }

    /** This process's id on the bus (in presence keys and messages). */
    public String instance() {
        return instance;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean deliver(long appointmentId, Role to, ServerMessage message) {
        return publish(new BusMessage.Deliver(instance, appointmentId, to, codec.encode(message)));
    }

    @Override
    public void callChanged(long appointmentId) {
        publish(new BusMessage.CallChanged(instance, appointmentId));
    }

    @Override
    public void seated(long appointmentId, Role role) {
        String key = presenceKey(appointmentId, role);
        held.add(key);
        if (connection.isOpen()) {
            connection.async().set(key, instance, SetArgs.Builder.px(ttlMillis));
        }
        publish(new BusMessage.Seated(instance, appointmentId, role));
    }

    @Override
    public void left(long appointmentId, Role role) {
        String key = presenceKey(appointmentId, role);
        held.remove(key);
        if (connection.isOpen()) {
            connection.async().eval(DELETE_IF_MINE, ScriptOutputType.INTEGER, new String[] {key}, instance);
        }
    }

    @Override
    public boolean elsewhere(long appointmentId, Role role) {
        try {
            String holder = connection.sync().get(presenceKey(appointmentId, role));
            return holder != null && !holder.equals(instance);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redis did not say where a socket is: " + e);
            return false;
        }
    }

    @Override
    public void lobby(long doctorId, ServerMessage message) {
        publish(new BusMessage.Lobby(instance, doctorId, codec.encode(message)));
    }

    @Override
    public void revoked(Revocation revocation) {
        publish(new BusMessage.Revoked(instance, revocation));
    }

    @Override
    public boolean up() {
        return connection.isOpen() && subscriber.isOpen();
    }

    /** Asks Redis itself (for {@code /observe/health}): true if it answered in time. */
    public boolean ping() {
        try {
            return up() && "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void listen(Inbound inbound) {
        this.inbound = inbound;
    }

    /** Frees this instance's presence keys (its sockets are closing) and disconnects. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            if (connection.isOpen()) {
                for (String key : held) {
                    connection.sync().eval(DELETE_IF_MINE, ScriptOutputType.INTEGER, new String[] {key}, instance);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "presence keys left to expire: " + e);
        }
        client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
    }

    private boolean publish(BusMessage message) {
        if (!connection.isOpen()) {
            return false;
        }
        connection.async().publish(channel, BusMessage.encode(message)).exceptionally(e -> {
            LOG.log(Level.WARNING, "a room message was not published: " + e);
            return null;
        });
        return true;
    }

    /** On Lettuce's thread, in the order the channel carried them; the handlers only queue work. */
    private void received(String text) {
        try {
            BusMessage message = BusMessage.decode(text);
            Inbound to = inbound;
            if (to == null || message.from().equals(instance)) {
                return;
            }
            switch (message) {
                case BusMessage.Deliver d -> to.delivered(d.appointmentId(), d.to(), codec.decodeServer(d.encoded()),
                        d.encoded());
                case BusMessage.CallChanged c -> to.callChanged(c.appointmentId());
                case BusMessage.Seated s -> to.seatedElsewhere(s.appointmentId(), s.role());
                case BusMessage.Lobby l -> to.lobby(l.doctorId(), l.encoded());
                case BusMessage.Revoked r -> to.revoked(r.revocation());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dropped a message on " + channel + ": " + e);
        }
    }

    private void refreshPresence() {
        if (!connection.isOpen()) {
            return;
        }
        try {
            String ttl = Long.toString(ttlMillis);
            for (String key : held) {
                connection.async().eval(REFRESH_IF_MINE, ScriptOutputType.INTEGER, new String[] {key}, instance, ttl);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "presence not refreshed: " + e);
        }
    }

    private String presenceKey(long appointmentId, Role role) {
        return prefix + ":presence:" + appointmentId + ":" + role.wireName();
    }
}
