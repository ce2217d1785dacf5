package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import io.helidon.config.Config;

import java.time.Duration;
import java.util.Objects;

/**
 * The tokens this server signs and how long they last.
 *
 * @param secret              HMAC secret of all tokens (at least 32 characters); never logged
 * @param doctorValidity      how long a sign-in lasts
 * @param patientLinkValidity how long a join link works after the appointment's time
 * @param revocationRefresh   how often sign-outs recorded by other instances are read (and expired ones deleted)
 */
public record TokenSettings(String secret, Duration doctorValidity, Duration patientLinkValidity,
                            Duration revocationRefresh) {

    public TokenSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(doctorValidity, "doctorValidity");
        Objects.requireNonNull(patientLinkValidity, "patientLinkValidity");
        if (revocationRefresh == null || revocationRefresh.isNegative() || revocationRefresh.isZero()) {
            throw new IllegalArgumentException("revocationRefresh must be positive");
        }
    }

    /** Sign-in for 12 hours, links for 2 hours after the appointment, other instances' sign-outs read every 30 s. */
    public static TokenSettings withSecret(String secret) {
        return new TokenSettings(secret, Duration.ofHours(12), Duration.ofHours(2), Duration.ofSeconds(30));
    }

    /** The same with join links that last this long after the appointment (negative: already expired). */
    public TokenSettings withPatientLinkValidity(Duration validity) {
        return new TokenSettings(secret, doctorValidity, validity, revocationRefresh);
    }

    /** {@code carecall.auth.{secret, doctor.validity, patient.validity, revocation.refresh}}; the secret is required. */
    public static TokenSettings fromConfig(Config auth) {
        String secret = auth.get("secret").asString().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null || secret.length() < 32) {
            throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                    "Set carecall.auth.secret (environment CARECALL_AUTH_SECRET) to a random text of at least 32 "
                            + "characters; keep it the same across restarts or every sign-in and link stops working.");
        }
        TokenSettings d = withSecret(secret);
        return new TokenSettings(secret,
                auth.get("doctor.validity").as(Duration.class).orElse(d.doctorValidity),
                auth.get("patient.validity").as(Duration.class).orElse(d.patientLinkValidity),
                auth.get("revocation.refresh").as(Duration.class).orElse(d.revocationRefresh));
    }

    /** Without the secret: this record may end up in a log line. */
    @Override
    public String toString() {
        return "TokenSettings[secret=(hidden), doctorValidity=" + doctorValidity + ", patientLinkValidity="
                + patientLinkValidity + ", revocationRefresh=" + revocationRefresh + "]";
    }
}
