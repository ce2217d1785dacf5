package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.RevokedTokens;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.room.Calls;
import dev.carecall.backend.room.Revocation;
import dev.carecall.protocol.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;

/**
 * Taking credentials back: {@code POST /api/auth/logout} (a doctor signs out: the token is refused from then on and
 * the sockets registered with it close) and {@code POST /api/appointments/{id}/join-link} (the doctor sends a new
 * join link: the old one is refused from then on and the patient's sockets registered with it close).
 */
public final class RevocationRoutes implements HttpService {
    private final ApiContext api;
    private final SignIn signIn;
    private final RevokedTokens revoked;
    private final Calls calls;
    private final Clock clock;

    public RevocationRoutes(ApiContext api, SignIn signIn, RevokedTokens revoked, Calls calls, Clock clock) {
        this.api = api;
        this.signIn = signIn;
        this.revoked = revoked;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/auth/logout", this::logout)
                .post("/appointments/{id}/join-link", this::newJoinLink);
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Caller caller = api.caller(req);
        signIn.logout(caller, revoked);
        Caller.Doctor doctor = (Caller.Doctor) caller;
        calls.revoke(new Revocation.SignedOut(doctor.tokenId(), doctor.expiresAt()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.NO_CONTENT_204).send();
    }

    private void newJoinLink(ServerRequest req, ServerResponse res) {
        Caller caller = api.caller(req);
        long id = ApiContext.id(req);
        if (!(caller instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the appointment's doctor can send a new link.");
        }
        if (api.access().authorize(doctor, id).cancelled()) {
            throw AppointmentAccess.cancelled();
        }
        int version = api.store().nextLinkVersion(id).orElseThrow(() -> new CareCallException(
                ErrorCode.APPOINTMENT_NOT_FOUND, "There is no appointment " + id + "."));
        api.store().audit(clock.instant(), doctor.auditName(), "join-link-reissued", id, "version " + version);
        calls.revoke(new Revocation.LinkReplaced(id, version));
        api.json(res, api.view(api.access().authorize(doctor, id), doctor, req));
    }
}
