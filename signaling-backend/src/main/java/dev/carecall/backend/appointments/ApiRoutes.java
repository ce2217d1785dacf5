package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.BearerToken;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.ClientAddress;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.room.Calls;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.AppointmentView;
import dev.carecall.protocol.rest.DeclineRequest;
import dev.carecall.protocol.rest.WaitingMessageRequest;
import dev.carecall.protocol.rest.LoginRequest;
import dev.carecall.protocol.rest.ServerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.function.LongFunction;

/** {@code /api/...}: server info, sign-in, appointments and their calls, exactly as PROTOCOL.md lists them. */
public final class ApiRoutes implements HttpService {
    private final ProtocolCodec codec;
    private final Tokens tokens;
    private final SignIn signIn;
    private final CareCallStore store;
    private final AppointmentAccess access;
    private final Calls calls;
    private final JoinLinks joinLinks;
    private final PublicAddress address;
    private final String version;
    private final LongFunction<String> invitationStatus;

    public ApiRoutes(ProtocolCodec codec, Tokens tokens, SignIn signIn, CareCallStore store, AppointmentAccess access,
                     Calls calls, JoinLinks joinLinks, PublicAddress address, String version,
                     LongFunction<String> invitationStatus) {
        this.codec = codec;
        this.tokens = tokens;
        this.signIn = signIn;
        this.store = store;
        this.access = access;
        this.calls = calls;
        this.joinLinks = joinLinks;
        this.address = address;
        this.version = version;
        this.invitationStatus = invitationStatus;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/info", (req, res) -> json(res, new ServerInfo("CareCall", version, Protocol.VERSION,
                        address.webSocketBase(req).toString())))
                .post("/auth/login", (req, res) -> json(res,
                        signIn.login(codec.fromJson(req.content().as(String.class), LoginRequest.class),
                                ClientAddress.of(req))))
                .get("/appointments", this::list)
                .get("/appointments/{id}", (req, res) -> {
                    Caller caller = caller(req);
                    json(res, view(access.authorize(caller, id(req)), caller, req));
                })
                .post("/appointments/{id}/start-call", (req, res) -> json(res, calls.start(caller(req), id(req))))
                .post("/appointments/{id}/join-call", (req, res) -> json(res, calls.join(caller(req), id(req))))
                .post("/appointments/{id}/end-call", (req, res) -> json(res, calls.end(caller(req), id(req))))
                .get("/appointments/{id}/call-status", (req, res) -> json(res, calls.status(caller(req), id(req))))
                .get("/appointments/{id}/call-history",
                        (req, res) -> json(res, calls.history(caller(req), id(req))))
                .post("/appointments/{id}/waiting-message", (req, res) -> {
                    calls.waitingMessage(caller(req), id(req), codec.fromJson(req.content().as(String.class),
                            WaitingMessageRequest.class).text());
                    res.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                .post("/appointments/{id}/decline", (req, res) -> json(res, calls.decline(caller(req), id(req),
                        codec.fromJson(req.content().as(String.class), DeclineRequest.class).reason())))
                // The page's uplink estimate times a few of these: the bytes are read and dropped, nothing is kept.
                .post("/appointments/{id}/uplink-probe", (req, res) -> {
                    access.authorize(caller(req), id(req));
                    req.content().consume();
                    res.header(HeaderNames.CACHE_CONTROL, "no-store");
                    res.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                // Anything else under /api is a client's mistake: a JSON error like every other, not an HTML 404.
                .any((req, res) -> {
                    throw new CareCallException(ErrorCode.BAD_REQUEST, "There is no " + req.prologue().method().text()
                            + " " + req.path().path() + " in the CareCall API.");
                });
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (!(caller(req) instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only doctors can list appointments.");
        }
        json(res, store.appointmentsOf(doctor.doctorId()).stream().map(a -> view(a, doctor, req)).toList());
    }

    private AppointmentView view(Appointment a, Caller caller, ServerRequest req) {
        boolean doctor = caller instanceof Caller.Doctor;
        return view(a, doctor ? joinLinks.url(address.base(req), a.id(), a.linkVersion(), a.scheduledAt()) : null,
                doctor ? invitationStatus.apply(a.id()) : null);
    }

    /**
     * The appointment as the API shows it; {@code joinUrl} and {@code invitation} only for its doctor, else null.
     * A cancelled appointment has no link.
     */
    static AppointmentView view(Appointment a, String joinUrl, String invitation) {
        return new AppointmentView(a.id(), a.patientName(), a.doctorName(), a.scheduledAt(), a.paid(), a.callStatus(),
                a.callStartedBy(), a.callStartedAt(), a.callEndedAt(), a.cancelled() ? null : joinUrl,
                a.cancelled() ? Boolean.TRUE : null, invitation);
    }

    private Caller caller(ServerRequest req) {
        return BearerToken.caller(req, tokens);
    }

    static long id(ServerRequest req) {
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

    private void json(ServerResponse res, Object body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(codec.toJson(body));
    }
}
