package dev.carecall.backend.invitations;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.BearerToken;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** {@code POST /api/appointments/{id}/send-link}: the doctor's "Send link", the invitation once more. */
public final class InvitationRoutes implements HttpService {
    private final Invitations invitations;
    private final Tokens tokens;
    private final AppointmentAccess access;
    private final ProtocolCodec codec;

    public InvitationRoutes(Invitations invitations, Tokens tokens, AppointmentAccess access, ProtocolCodec codec) {
        this.invitations = invitations;
        this.tokens = tokens;
        this.access = access;
        this.codec = codec;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/send-link", this::sendLink);
    }

    private void sendLink(ServerRequest req, ServerResponse res) {
        Caller caller = BearerToken.caller(req, tokens);
        if (!(caller instanceof Caller.Doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the doctor can send the link.");
        }
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "That is not an appointment number.");
        }
        access.authorize(caller, id);
        invitations.sendLink(id, caller.auditName());
        res.status(Status.ACCEPTED_202);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(codec.toJson(Map.of("appointmentId", id, "invitation", invitations.status(id))));
    }
}
