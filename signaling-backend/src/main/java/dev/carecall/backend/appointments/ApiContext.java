package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.BearerToken;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.AppointmentView;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.function.LongFunction;

/**
 * What the {@code /api} route classes share: who is calling, which appointment a path names and what its caller
 * may see of it, and JSON in and out.
 *
 * @param codec            reads and writes the bodies
 * @param tokens           checks the bearer token
 * @param store            the appointments
 * @param access           whether a caller may see an appointment
 * @param joinLinks        makes the patient's join link the doctor is shown
 * @param address          the public address the links point at
 * @param invitationStatus the invitation's status for an appointment's {@code invitation}
 */
public record ApiContext(ProtocolCodec codec, Tokens tokens, CareCallStore store, AppointmentAccess access,
                         JoinLinks joinLinks, PublicAddress address, LongFunction<String> invitationStatus) {

    /** The caller the request's bearer token names; refused (401) without a valid one. */
    public Caller caller(ServerRequest req) {
        return BearerToken.caller(req, tokens);
    }

    /** The request's body as this REST type; bad JSON is {@link ErrorCode#BAD_REQUEST}. */
    public <T> T body(ServerRequest req, Class<T> type) {
        return codec.fromJson(req.content().as(String.class), type);
    }

    /** Answers with a JSON body that no cache keeps (it carries join links and names). */
    public void json(ServerResponse res, Object body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(codec.toJson(body));
    }

    /**
     * The appointment as the API shows it to this caller: its doctor sees the join link and the invitation's status,
     * the patient does not; a cancelled appointment has no link.
     */
    public AppointmentView view(Appointment a, Caller caller, ServerRequest req) {
        boolean doctor = caller instanceof Caller.Doctor;
        String joinUrl = doctor && !a.cancelled()
                ? joinLinks.url(address.base(req), a.id(), a.linkVersion(), a.scheduledAt()) : null;
        return new AppointmentView(a.id(), a.patientName(), a.doctorName(), a.scheduledAt(), a.paid(), a.callStatus(),
                a.callStartedBy(), a.callStartedAt(), a.callEndedAt(), joinUrl, a.cancelled() ? Boolean.TRUE : null,
                doctor ? invitationStatus.apply(a.id()) : null);
    }

    /** The appointment number in the path ({@code {id}}): a positive whole number, else 400. */
    public static long id(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String shown = raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
        throw new CareCallException(ErrorCode.BAD_REQUEST, "'" + shown + "' is not an appointment number.");
    }
}
