package dev.carecall.backend.ice;

import dev.carecall.protocol.IceServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;

/**
 * Mints TURN credentials the way coturn checks them with {@code use-auth-secret}: the user name is
 * {@code <unix expiry>:<who>} and the password {@code base64(HMAC-SHA1(secret, user name))}. coturn recomputes the
 * password from its own copy of the secret and refuses the user name once its expiry has passed, so nothing is
 * stored anywhere and a credential copied out of a browser is useless after the consultation.
 */
public final class TurnCredentials {
    private final TurnSettings settings;
    private final Clock clock;

    public TurnCredentials(TurnSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The TURN server with a credential for {@code who} (e.g. {@code patient-42}: role and appointment), valid for
     * the configured time from now.
     */
    public IceServer mint(String who) {
        long expiry = clock.instant().plus(settings.ttl()).getEpochSecond();
        String username = expiry + ":" + who;
        return new IceServer(settings.urls(), username, password(settings.secret(), username));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}, coturn's password for a user name under a shared secret. */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
