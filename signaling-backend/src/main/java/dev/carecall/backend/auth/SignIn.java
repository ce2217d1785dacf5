package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.rest.DoctorView;
import dev.carecall.protocol.rest.LoginRequest;
import dev.carecall.protocol.rest.LoginResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Doctors' sign-in: checks the password and hands out a sign-in token. Every attempt is audited. */
public final class SignIn {
    /** The longest user name (the database column's width); longer ones are refused with BAD_REQUEST. */
    public static final int MAX_USERNAME = 100;
    private final CareCallStore store;
    private final Tokens tokens;
    private final Duration validity;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final CallMetrics metrics;

    /** @param throttleCounts where wrong sign-ins are counted (this process's memory, or Redis for several) */
    public SignIn(CareCallStore store, Tokens tokens, Duration validity, Clock clock, CallMetrics metrics,
                  LoginThrottle.Counts throttleCounts) {
        this.store = store;
        this.tokens = tokens;
        this.validity = validity;
        this.clock = clock;
        this.metrics = metrics;
        this.throttle = new LoginThrottle(clock, throttleCounts);
    }

    /**
     * Checks the password of a sign-in from this client address; a refusal (bad request, wrong password, too many
     * attempts) is counted, then thrown. Every refusal but the throttle's own is audited: those are what a flood
     * repeats, and the failures that earned the wait are in the log already.
     */
    public LoginResponse login(LoginRequest request, String clientAddress) {
        try {
            return check(request, clientAddress);
        } catch (CareCallException e) {
            metrics.signInFailed(e.code());
            throw e;
        }
    }

    private LoginResponse check(LoginRequest request, String address) {
        if (request == null || blank(request.username()) || blank(request.password())) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "Enter your user name and your password.");
        }
        String username = LoginThrottle.normalise(request.username());
        if (username.length() > MAX_USERNAME) {
            // Not a name anyone has: counted for the address only, so invented names add no entries per name.
            throttle.check(null, address);
            throttle.failed(null, address);
            audit(username, address, "user name too long (" + username.length() + " characters)");
            throw new CareCallException(ErrorCode.BAD_REQUEST,
                    "A user name has at most " + MAX_USERNAME + " characters. Check your user name.");
        }
        throttle.check(username, address);
        if (!Passwords.fits(request.password())) {
            throttle.failed(username, address);
            audit(username, address, "password too long");
            throw new CareCallException(ErrorCode.BAD_REQUEST, "A password has at most " + Passwords.MAX_BYTES
                    + " bytes (72 plain letters, fewer with accents). Check your password.");
        }
        Optional<Doctor> doctor = store.findDoctor(username);
        boolean valid = PasswordChecks.run(() -> {
            if (doctor.isPresent()) {
                return Passwords.matches(request.password(), doctor.get().passwordHash());
            }
            Passwords.burnTime(request.password());
            return false;
        });
        if (!valid) {
            throttle.failed(username, address);
            audit(username, address, "wrong user name or password");
            throw new CareCallException(ErrorCode.INVALID_CREDENTIALS,
                    "The user name or the password is wrong. Check both and try again.");
        }
        throttle.succeeded(username, address);
        Doctor d = doctor.get();
        Instant now = clock.instant();
        store.audit(now, "doctor:" + d.username(), "login", null, "from " + address);
        Instant expiresAt = now.plus(validity);
        return new LoginResponse(tokens.doctorToken(d.id(), d.username(), expiresAt), expiresAt,
                new DoctorView(d.id(), d.username(), d.displayName()));
    }

    /** A failed sign-in's audit row; the name is cut to fit the actor column, whole characters only. */
    private void audit(String username, String address, String reason) {
        String name = username;
        if (name.codePointCount(0, name.length()) > MAX_USERNAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_USERNAME)) + "…";
        }
        store.audit(clock.instant(), "doctor:" + name, "login-failed", null, reason + " from " + address);
    }

    /**
     * Signs the doctor out: their token goes on the deny-list (refused from now on, here at once; other instances
     * hear of it from {@code Calls.revoke}, or at their next refresh) and the sign-out is audited. Only a caller with a sign-in token can sign out.
     */
    public void logout(Caller caller, RevokedTokens revoked) {
        if (!(caller instanceof Caller.Doctor doctor) || doctor.tokenId() == null) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only a doctor's sign-in can be signed out.");
        }
        revoked.revoke(doctor);
        store.audit(clock.instant(), doctor.auditName(), "logout", null, null);
    }

    /** A token as sign-in would give it, without the password (for tests and the demo). */
    public String tokenFor(Doctor doctor) {
        return tokens.doctorToken(doctor.id(), doctor.username(), clock.instant().plus(validity));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
