package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.ClientAddress;
import dev.carecall.backend.auth.SignIn;
import dev.carecall.backend.room.Calls;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.rest.DeclineRequest;
import dev.carecall.protocol.rest.WaitingMessageRequest;
import dev.carecall.protocol.rest.LoginRequest;
import dev.carecall.protocol.rest.ServerInfo;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/...}: server info, sign-in, appointments and their calls, exactly as PROTOCOL.md lists them. */
public final class ApiRoutes implements HttpService {
    private final ApiContext api;
    private final SignIn signIn;
    private final Calls calls;
    private final String version;

    public ApiRoutes(ApiContext api, SignIn signIn, Calls calls, String version) {
        this.api = api;
        this.signIn = signIn;
        this.calls = calls;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/info", (req, res) -> api.json(res, new ServerInfo("CareCall", version, Protocol.VERSION,
                        api.address().webSocketBase(req).toString())))
                .post("/auth/login", (req, res) -> api.json(res,
                        signIn.login(api.body(req, LoginRequest.class), ClientAddress.of(req))))
                .get("/appointments", this::list)
                .get("/appointments/{id}", (req, res) -> {
                    Caller caller = api.caller(req);
                    api.json(res, api.view(api.access().authorize(caller, id(req)), caller, req));
                })
                .post("/appointments/{id}/start-call",
                        (req, res) -> api.json(res, calls.start(api.caller(req), id(req))))
                .post("/appointments/{id}/join-call",
                        (req, res) -> api.json(res, calls.join(api.caller(req), id(req))))
                .post("/appointments/{id}/end-call",
                        (req, res) -> api.json(res, calls.end(api.caller(req), id(req))))
                .get("/appointments/{id}/call-status",
                        (req, res) -> api.json(res, calls.status(api.caller(req), id(req))))
                .get("/appointments/{id}/call-history",
                        (req, res) -> api.json(res, calls.history(api.caller(req), id(req))))
                .post("/appointments/{id}/waiting-message", (req, res) -> {
                    calls.waitingMessage(api.caller(req), id(req), api.body(req, WaitingMessageRequest.class).text());
                    res.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                .post("/appointments/{id}/decline", (req, res) -> api.json(res, calls.decline(api.caller(req), id(req),
                        api.body(req, DeclineRequest.class).reason())))
                // The page's uplink estimate times a few of these: the bytes are read and dropped, nothing is kept.
                .post("/appointments/{id}/uplink-probe", (req, res) -> {
                    api.access().authorize(api.caller(req), id(req));
                    req.content().consume();
                    res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
                    res.status(io.helidon.http.Status.NO_CONTENT_204).send();
                })
                // Anything else under /api is a client's mistake: a JSON error like every other, not an HTML 404.
                .any((req, res) -> {
                    throw new CareCallException(ErrorCode.BAD_REQUEST, "There is no " + req.prologue().method().text()
                            + " " + req.path().path() + " in the CareCall API.");
                });
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (!(api.caller(req) instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only doctors can list appointments.");
        }
        api.json(res, api.store().appointmentsOf(doctor.doctorId()).stream().map(a -> api.view(a, doctor, req))
                .toList());
    }

    private static long id(ServerRequest req) {
        return ApiContext.id(req);
    }
}
