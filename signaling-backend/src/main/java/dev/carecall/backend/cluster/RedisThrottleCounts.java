package dev.carecall.backend.cluster;

import dev.carecall.backend.auth.LoginThrottle;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sign-in throttle's counts in Redis, shared by every instance: a guesser whose attempts a load balancer spreads
 * over N instances is slowed as on one, not given N times the free attempts. A failure count is a hash
 * {@code <prefix>:signin:<key>} with the count and the last failure's time, expiring
 * {@link LoginThrottle#FORGET_AFTER} after its last failure; a known address is a key
 * {@code <prefix>:signin-known:<pair>} expiring after {@link LoginThrottle#KNOWN_ADDRESS_MEMORY}.
 *
 * <p>While Redis cannot be reached the throttle does not stop sign-ins: it counts in this process's memory instead
 * (the single instance's brake), and in Redis again once it is back.
 */
final class RedisThrottleCounts implements LoginThrottle.Counts {
    private static final System.Logger LOG = System.getLogger(RedisThrottleCounts.class.getName());
    /** One more failure and its time, and the count's expiry renewed, in one step. */
    private static final String FAILED = "redis.call('hincrby', KEYS[1], 'c', 1) "
            + "redis.call('hset', KEYS[1], 't', ARGV[1]) "
            + "redis.call('pexpire', KEYS[1], ARGV[2]) return 1";

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final LoginThrottle.Counts fallback;
    private final AtomicBoolean fallingBack = new AtomicBoolean();

    RedisThrottleCounts(StatefulRedisConnection<String, String> connection, String prefix,
                        LoginThrottle.Counts fallback) {
        this.connection = connection;
        this.prefix = prefix;
        this.fallback = fallback;
    }

    @Override
    public LoginThrottle.Failures failures(String key) {
        try {
            List<KeyValue<String, String>> fields = connection.sync().hmget(failuresKey(key), "c", "t");
            back();
            if (fields.size() != 2 || !fields.get(0).hasValue() || !fields.get(1).hasValue()) {
                return null;
            }
            return new LoginThrottle.Failures(Integer.parseInt(fields.get(0).getValue()),
                    Instant.ofEpochMilli(Long.parseLong(fields.get(1).getValue())));
        } catch (RuntimeException e) {
            return fellBack(e).failures(key);
        }
    }

    @Override
    public void failed(String key, Instant at) {
        try {
            connection.sync().eval(FAILED, ScriptOutputType.INTEGER, new String[] {failuresKey(key)},
                    Long.toString(at.toEpochMilli()), Long.toString(LoginThrottle.FORGET_AFTER.toMillis()));
            back();
        } catch (RuntimeException e) {
            fellBack(e).failed(key, at);
        }
    }

    @Override
    public void forget(String key) {
        fallback.forget(key);
        try {
            connection.sync().del(failuresKey(key));
            back();
        } catch (RuntimeException e) {
            fellBack(e);
        }
    }

    @Override
    public boolean known(String pair) {
        try {
            boolean known = connection.sync().exists(knownKey(pair)) > 0;
            back();
            return known;
        } catch (RuntimeException e) {
            return fellBack(e).known(pair);
        }
    }

    @Override
    public void remember(String pair) {
        fallback.remember(pair);
        try {
            connection.sync().set(knownKey(pair), "1",
                    SetArgs.Builder.px(LoginThrottle.KNOWN_ADDRESS_MEMORY.toMillis()));
            back();
        } catch (RuntimeException e) {
            fellBack(e);
        }
    }

    /** This instance's fallback entries only: Redis's are bounded by their expiry. */
    @Override
    public long size() {
        return fallback.size();
    }

    private LoginThrottle.Counts fellBack(RuntimeException e) {
        if (fallingBack.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Redis cannot be reached: wrong sign-ins are counted by this instance alone "
                    + "until it is back (" + e + ")");
        }
        return fallback;
    }

    private void back() {
        if (fallingBack.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "wrong sign-ins are counted in Redis again");
        }
    }

    private String failuresKey(String key) {
        return prefix + ":signin:" + key;
    }

    private String knownKey(String pair) {
        return prefix + ":signin-known:" + pair;
    }
}
