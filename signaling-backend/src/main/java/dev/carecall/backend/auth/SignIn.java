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
    private final CareCallStore store;
    private final Tokens tokens;
    private final Duration validity;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final CallMetrics metrics;

    public SignIn(CareCallStore store, Tokens tokens, Duration validity, Clock clock, CallMetrics metrics) {
        this.store = store;
        this.tokens = tokens;
        this.validity = validity;
        this.clock = clock;
        this.metrics = metrics;
        this.throttle = new LoginThrottle(clock);
    }

    /** Checks the password; a refusal (bad request, wrong password, too many attempts) is counted, then thrown. */
    public LoginResponse login(LoginRequest request) {
        try {
            return check(request);
        } catch (CareCallException e) {
            metrics.signInFailed(e.code());
            throw e;
        }
    }

    private LoginResponse check(LoginRequest request) {
        if (request == null || blank(request.username()) || blank(request.password())) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "Enter your user name and your password.");
        }
        throttle.check(request.username());
        Optional<Doctor> doctor = store.findDoctor(request.username().strip());
        boolean valid;
        if (doctor.isPresent()) {
            valid = Passwords.matches(request.password(), doctor.get().passwordHash());
        } else {
            Passwords.burnTime(request.password());
            valid = false;
        }
        Instant now = clock.instant();
        if (!valid) {
            throttle.failed(request.username());
            store.audit(now, "doctor:" + request.username().strip(), "login-failed", null, null);
            throw new CareCallException(ErrorCode.INVALID_CREDENTIALS,
                    "The user name or the password is wrong. Check both and try again.");
        }
        throttle.succeeded(request.username());
        Doctor d = doctor.get();
        store.audit(now, "doctor:" + d.username(), "login", null, null);
        Instant expiresAt = now.plus(validity);
        return new LoginResponse(tokens.doctorToken(d.id(), d.username(), expiresAt), expiresAt,
                new DoctorView(d.id(), d.username(), d.displayName()));
    }

    /**
     * Signs the doctor out: their token goes on the deny-list (refused from now on, here at once, on other instances
     * after their next refresh) and the sign-out is audited. Only a caller with a sign-in token can sign out.
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
