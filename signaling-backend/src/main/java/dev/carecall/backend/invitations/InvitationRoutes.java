package dev.carecall.backend.invitations;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.appointments.ApiContext;
import dev.carecall.backend.auth.Caller;
import dev.carecall.protocol.ErrorCode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/** {@code POST /api/appointments/{id}/send-link}: the doctor's "Send link", the invitation once more. */
public final class InvitationRoutes implements HttpService {
    private final ApiContext api;
    private final Invitations invitations;

    public InvitationRoutes(ApiContext api, Invitations invitations) {
        this.api = api;
        this.invitations = invitations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/send-link", this::sendLink);
    }

    private void sendLink(ServerRequest req, ServerResponse res) {
        Caller caller = api.caller(req);
        if (!(caller instanceof Caller.Doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the doctor can send the link.");
        }
        long id = ApiContext.id(req);
        api.access().authorize(caller, id);
        invitations.sendLink(id, caller.auditName());
        res.status(Status.ACCEPTED_202);
        api.json(res, Map.of("appointmentId", id, "invitation", invitations.status(id)));
    }
}
