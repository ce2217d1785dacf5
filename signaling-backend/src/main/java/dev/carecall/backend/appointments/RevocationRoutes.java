package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.BearerToken;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.RevokedTokens;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.room.SignedInSockets;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.function.LongFunction;

/**
 * Taking credentials back: {@code POST /api/auth/logout} (a doctor signs out: the token is refused from then on and
 * the sockets registered with it close) and {@code POST /api/appointments/{id}/join-link} (the doctor sends a new
 * join link: the old one is refused from then on and the patient's sockets registered with it close).
 */
public final class RevocationRoutes implements HttpService {
    private final ProtocolCodec codec;
    private final Tokens tokens;
    private final SignIn signIn;
    private final RevokedTokens revoked;
    private final CareCallStore store;
    private final AppointmentAccess access;
    private final SignedInSockets sockets;
    private final JoinLinks joinLinks;
    private final PublicAddress address;
    private final Clock clock;
    /** The invitation's status for the answer's {@code invitation}. */
    private final LongFunction<String> invitationStatus;

    public RevocationRoutes(ProtocolCodec codec, Tokens tokens, SignIn signIn, RevokedTokens revoked,
                            CareCallStore store, AppointmentAccess access, SignedInSockets sockets,
                            JoinLinks joinLinks, PublicAddress address, Clock clock,
                            LongFunction<String> invitationStatus) {
        this.codec = codec;
        this.tokens = tokens;
        this.signIn = signIn;
        this.revoked = revoked;
        this.store = store;
        this.access = access;
        this.sockets = sockets;
        this.joinLinks = joinLinks;
        this.address = address;
        this.clock = clock;
        this.invitationStatus = invitationStatus;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/auth/logout", this::logout)
                .post("/appointments/{id}/join-link", this::newJoinLink);
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Caller caller = BearerToken.caller(req, tokens);
        signIn.logout(caller, revoked);
        String tokenId = ((Caller.Doctor) caller).tokenId();
        sockets.closeWhere(c -> c instanceof Caller.Doctor d && tokenId.equals(d.tokenId()), ErrorCode.TOKEN_REVOKED,
                "You signed out, so this window stopped receiving updates. Sign in again to carry on.");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.NO_CONTENT_204).send();
    }

    private void newJoinLink(ServerRequest req, ServerResponse res) {
        Caller caller = BearerToken.caller(req, tokens);
        long id = ApiRoutes.id(req);
        if (!(caller instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the appointment's doctor can send a new link.");
        }
        if (access.authorize(doctor, id).cancelled()) {
            throw AppointmentAccess.cancelled();
        }
        int version = store.nextLinkVersion(id).orElseThrow(() -> new CareCallException(
                ErrorCode.APPOINTMENT_NOT_FOUND, "There is no appointment " + id + "."));
        store.audit(clock.instant(), doctor.auditName(), "join-link-reissued", id, "version " + version);
        sockets.closeWhere(c -> c instanceof Caller.Patient p && p.appointmentId() == id && p.linkVersion() < version,
                ErrorCode.LINK_REPLACED, "The clinic sent a new link for this appointment; this one no longer "
                        + "works. Ask the clinic for the new link.");
        Appointment a = access.authorize(doctor, id);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(codec.toJson(ApiRoutes.view(a, joinLinks.url(address.base(req), a.id(), a.linkVersion(),
                a.scheduledAt()), invitationStatus.apply(a.id()))));
    }
}
