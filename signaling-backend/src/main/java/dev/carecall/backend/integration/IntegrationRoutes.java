package dev.carecall.backend.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.ErrorResponses;
import dev.carecall.backend.appointments.JoinLinks;
import dev.carecall.backend.appointments.PublicAddress;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/integration/v1/...}, as PROTOCOL.md and {@code openapi.yaml} list it: every request carries a service
 * key as bearer; changes may carry an {@code Idempotency-Key}.
 */
public final class IntegrationRoutes implements HttpService {
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final byte[] OPENAPI = openApi();

    private final ServiceKeys keys;
    private final Idempotency idempotency;
    private final AppointmentsApi appointments;
    private final DoctorsApi doctors;
    private final JoinLinks joinLinks;
    private final PublicAddress address;

    public IntegrationRoutes(Integration integration, JoinLinks joinLinks, PublicAddress address) {
        this.keys = integration.keys();
        this.idempotency = integration.idempotency();
        this.appointments = integration.appointments();
        this.doctors = integration.doctors();
        this.joinLinks = joinLinks;
        this.address = address;
    }

    @Override
    public void routing(HttpRules rules) {
        // A static file: Helidon's OpenAPI module builds its document from annotations or one such file, and a file
        // served here needs no further module.
        rules.get("/openapi.yaml", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(OPENAPI);
        });
        rules.post("/appointments", (req, res) -> change(req, res, Scope.APPOINTMENTS_WRITE,
                        (c, body) -> created(appointment(req, appointments.create(c, body)))))
                .get("/appointments/{externalId}", (req, res) -> read(req, res,
                        Set.of(Scope.APPOINTMENTS_WRITE, Scope.PAYMENTS_WRITE),
                        c -> ok(appointment(req, appointments.find(param(req))))))
                .patch("/appointments/{externalId}", (req, res) -> change(req, res, Scope.APPOINTMENTS_WRITE,
                        (c, body) -> ok(appointment(req, appointments.update(c, param(req), body)))))
                .post("/appointments/{externalId}/cancel", (req, res) -> change(req, res, Scope.APPOINTMENTS_WRITE,
                        (c, body) -> ok(appointment(req, appointments.cancel(c, param(req))))))
                .post("/appointments/{externalId}/payment", (req, res) -> change(req, res, Scope.PAYMENTS_WRITE,
                        (c, body) -> ok(appointment(req, appointments.payment(c, param(req), body)))))
                .post("/doctors", (req, res) -> change(req, res, Scope.DOCTORS_WRITE,
                        (c, body) -> created(DoctorResource.of(doctors.create(c, body)))))
                .get("/doctors/{externalId}", (req, res) -> read(req, res,
                        Set.of(Scope.DOCTORS_WRITE, Scope.APPOINTMENTS_WRITE),
                        c -> ok(DoctorResource.of(doctors.find(param(req))))))
                .patch("/doctors/{externalId}", (req, res) -> change(req, res, Scope.DOCTORS_WRITE,
                        (c, body) -> ok(DoctorResource.of(doctors.update(c, param(req), body)))));
    }

    /** What a request changes, given the service and its parsed body. */
    @FunctionalInterface
    private interface Change {
        Answer apply(ServiceClient client, JsonNode body);
    }

    private void change(ServerRequest req, ServerResponse res, Scope scope, Change change) {
        Answer answer;
        try {
            ServiceClient client = authorize(req, Set.of(scope));
            String text = req.content().hasEntity() ? req.content().as(String.class) : "";
            Optional<String> key = req.headers().first(IDEMPOTENCY_KEY);
            if (key.isPresent()) {
                String hash = ServiceKeys.hash(req.prologue().method().text() + " " + req.path().path() + "\n" + text);
                answer = idempotency.once(client, key.get(), hash, () -> change.apply(client, body(text)));
                res.header(IDEMPOTENCY_KEY, key.get());
            } else {
                answer = change.apply(client, body(text));
            }
        } catch (CareCallException e) {
            answer = errorAnswer(e);
        }
        send(res, answer);
    }

    private void read(ServerRequest req, ServerResponse res, Set<Scope> anyOf,
                      Function<ServiceClient, Answer> read) {
        Answer answer;
        try {
            answer = read.apply(authorize(req, anyOf));
        } catch (CareCallException e) {
            answer = errorAnswer(e);
        }
        send(res, answer);
    }

    private ServiceClient authorize(ServerRequest req, Set<Scope> anyOf) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        ServiceClient client = keys.authenticate(key);
        if (anyOf.stream().noneMatch(client.scopes()::contains)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "This service key lacks the scope "
                    + anyOf.iterator().next().wireName() + " for this request.");
        }
        return client;
    }

    private AppointmentResource appointment(ServerRequest req, ExternalAppointment a) {
        URI base = address.base(req);
        return AppointmentResource.of(a, joinLinks.url(base, a.id(), a.linkVersion(), a.scheduledAt()));
    }

    private static JsonNode body(String text) {
        if (text.isBlank()) {
            return CODEC.tree("{}");
        }
        try {
            return CODEC.tree(text);
        } catch (ProtocolException e) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "The body is not valid JSON.");
        }
    }

    private static String param(ServerRequest req) {
        return req.path().pathParameters().get("externalId");
    }

    private static Answer ok(Object body) {
        return new Answer(Status.OK_200.code(), CODEC.toJson(body));
    }

    private static Answer created(Object body) {
        return new Answer(Status.CREATED_201.code(), CODEC.toJson(body));
    }

    private static byte[] openApi() {
        try (var in = IntegrationRoutes.class.getResourceAsStream("openapi.yaml")) {
            return java.util.Objects.requireNonNull(in, "openapi.yaml beside IntegrationRoutes").readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Answer errorAnswer(CareCallException e) {
        var fields = e instanceof InvalidFields invalid ? invalid.problems() : null;
        return new Answer(ErrorResponses.status(e.code()).code(),
                CODEC.toJson(new IntegrationError(new IntegrationError.Body(e.code(), e.getMessage(), fields))));
    }

    private static void send(ServerResponse res, Answer answer) {
        res.status(Status.create(answer.status()));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(answer.json());
    }
}
