package dev.carecall.backend.integration;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Service keys of clinic systems: made by the admin command (the key and webhook secret are shown once), checked on
 * every integration request by their SHA-256, revocable by name.
 */
public final class ServiceKeys {
    /** Recognisable in a leaked file or a secret scanner. */
    static final String PREFIX = "cck_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntegrationStore store;
    private final Clock clock;

    public ServiceKeys(IntegrationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A key just made: the only time its plain text and the webhook secret exist outside the database's hash.
     *
     * @param key           the bearer key
     * @param webhookSecret the secret that signs this system's webhooks, or null without a webhook address
     */
    public record NewKey(String name, String key, String webhookSecret) {
        @Override
        public String toString() {
            return "NewKey[" + name + "]";
        }
    }

    /** Makes a key; fails if the name is taken. */
    public NewKey create(String name, Set<Scope> scopes, URI webhookUrl) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new CareCallException(ErrorCode.BAD_REQUEST,
                    "The name may have letters, digits, '.', '_' and '-' (at most 100).");
        }
        if (scopes.isEmpty()) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "Give at least one scope, e.g. --scopes="
                    + Scope.toList(Set.of(Scope.APPOINTMENTS_WRITE)) + ".");
        }
        String key = PREFIX + random();
        String secret = webhookUrl == null ? null : "whsec_" + random();
        try {
            store.insertServiceKey(name, hash(key), Scope.toList(scopes),
                    webhookUrl == null ? null : webhookUrl.toString(), secret, clock.instant());
        } catch (RuntimeException e) {
            if (IntegrationStore.isUniqueViolation(e)) {
                throw new CareCallException(ErrorCode.CONFLICT, "A service key named " + name + " exists already.");
            }
            throw e;
        }
        return new NewKey(name, key, secret);
    }

    /** The system a bearer key belongs to; INVALID_TOKEN if it is unknown or revoked. */
    public ServiceClient authenticate(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            throw invalid();
        }
        return store.activeKey(hash(key)).orElseThrow(ServiceKeys::invalid);
    }

    /** Revokes the key of this name: it stops working with the next request. */
    public boolean revoke(String name) {
        return store.revoke(name, clock.instant());
    }

    public List<String> describe() {
        return store.describeKeys();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static CareCallException invalid() {
        return new CareCallException(ErrorCode.INVALID_TOKEN,
                "The service key is missing, unknown or revoked. Send it as 'Authorization: Bearer cck_...'.");
    }
}
