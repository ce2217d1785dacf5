package dev.carecall.backend;

import dev.carecall.backend.HostileInputIT.Category;
import dev.carecall.backend.HostileInputIT.Run;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.rest.LoginRequest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.carecall.backend.HostileInputIT.CODEC;
import static dev.carecall.backend.HostileInputIT.MARK;
import static dev.carecall.backend.HostileInputIT.abbreviate;
import static dev.carecall.backend.HostileInputIT.randomText;

/** The hostile suite's categories of HTTP requests: each sends one request per input and records its answer. */
final class HttpInputs {
    private HttpInputs() {
    }

    /** Login bodies that are not a login: broken JSON, wrong shapes and types, deep nesting. */
    static final class MalformedJson implements Category {
        private static final String[] SHAPES = {"{", "}", "[1,2]", "null", "\"text\"", "{\"username\":1,\"password\":2}",
                "{\"username\":[],\"password\":{}}", "{\"username\":\"a\"", "{\"username\":\"\",\"password\":\"\"}",
                "{'username':'a'}", "\u0000\u0001", "{\"username\":\"a\",\"password\":null}", "tru", "1e999999"};

        @Override
        public String name() {
            return "malformed JSON";
        }

        @Override
        public int count() {
            return 1200;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            String body = switch (i % 4) {
                case 0 -> SHAPES[i / 4 % SHAPES.length];
                case 1 -> "[".repeat(2000 + i % 3000);
                case 2 -> randomText(new Random(i), 1 + i % 500);
                default -> "{\"username\":\"" + MARK + i + "\",\"password\":" + "[".repeat(1 + i % 50) + "}";
            };
            run.rest("login " + abbreviate(body), run.send(run.request("/api/auth/login")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        }
    }

    /** Bodies over the limit (announced or chunked), headers and request lines over theirs. */
    static final class Oversized implements Category {
        @Override
        public String name() {
            return "oversized";
        }

        @Override
        public int count() {
            return 300;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            switch (i % 3) {
                // Announced with "Expect: 100-continue", so the refusal arrives before the body is sent: without
                // it a client still uploading may see the connection reset instead of the 413.
                case 0 -> run.rest("large body", run.send(run.request("/api/auth/login").expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + "u".repeat(17_000 + i * 500)
                                + "\"}"))));
                case 1 -> {
                    HttpResponse<String> r = run.send(run.request("/api/info").header("X-Padding",
                            "h".repeat(20_000 + i * 100)).GET());
                    if (r.statusCode() == 431 || r.statusCode() == 400 || r.statusCode() == 413) {
                        run.outcome("HTTP " + r.statusCode() + " headers too large");
                    } else {
                        run.failure("large headers -> " + r.statusCode());
                    }
                }
                default -> {
                    HttpResponse<String> r = run.send(run.request("/api/appointments/" + "9".repeat(5000 + i)).GET());
                    if (r.statusCode() >= 400 && r.statusCode() < 500) {
                        run.outcome("HTTP " + r.statusCode() + " request line too long");
                    } else {
                        run.failure("long path -> " + r.statusCode());
                    }
                }
            }
        }
    }

    /** User names and passwords past their limits, from a handful of addresses. */
    static final class LongFields implements Category {
        @Override
        public String name() {
            return "long fields";
        }

        @Override
        public int count() {
            return 500;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            LoginRequest login = i % 2 == 0
                    ? new LoginRequest(MARK + "u".repeat(100 + i * 10), "password")
                    : new LoginRequest(MARK + i, "é".repeat(37 + i));
            run.rest("long field", run.send(run.request("/api/auth/login").header("X-Forwarded-For",
                    "198.51.100." + i % 8).POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(login)))));
        }
    }

    /**
     * The clinic systems' API: broken and oversized bodies, fields past their limits, missing, forged and
     * under-scoped service keys, unknown ids, bad Idempotency-Keys. None may create anything; every answer is typed
     * (an INVALID_FIELD answer also lists the fields, so it is read as a tree, not as an {@code ApiError}).
     */
    static final class IntegrationInputs implements Category {
        private static final String PATH = "/api/integration/v1";
        private static final String[] SHAPES = {"{", "[1,2]", "null", "\"text\"", "{\"externalId\":1}",
                "{\"externalId\":[],\"patientName\":{}}", "tru", "1e999999", "\u0000", "{'a':'b'}"};

        @Override
        public String name() {
            return "integration API";
        }

        @Override
        public int count() {
            return 400;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            String unknown = MARK + "none-" + i;
            HttpResponse<String> r = switch (i % 8) {
                case 0 -> run.send(withKey(run.request(PATH + "/appointments"), run.serviceKey)
                        .POST(HttpRequest.BodyPublishers.ofString(i % 16 == 0 ? SHAPES[i / 16 % SHAPES.length]
                                : "[".repeat(1500 + i))));
                case 1 -> run.send(withKey(run.request(PATH + "/appointments"), run.serviceKey).expectContinue(true)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"patientName\":\"" + "p".repeat(17_000 + i * 10)
                                + "\"}")));
                case 2 -> run.send(withKey(run.request(PATH + "/appointments"), run.serviceKey)
                        .POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(Map.of(
                                "externalId", MARK + "x".repeat(100 + i),
                                "doctorUsername", "demo-doctor",
                                "patientName", "n".repeat(1 + i * 3),
                                "scheduledAt", i % 3 == 0 ? "tomorrow" : "2030-01-01T10:00:00Z",
                                "email", "e".repeat(330) + "@example.org",
                                "phone", "call me")))));
                case 3 -> {
                    HttpRequest.Builder b = run.request(PATH + "/appointments/" + unknown);
                    yield run.send(switch (i / 8 % 3) {
                        case 0 -> b;
                        case 1 -> withKey(b, "cck_" + "f".repeat(i % 60));
                        default -> withKey(b, run.otherDoctorToken);
                    });
                }
                case 4 -> run.send(withKey(run.request(PATH + "/appointments"), run.paymentsOnlyKey)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));
                case 5 -> run.send(withKey(run.request(PATH + "/appointments/" + unknown
                        + List.of("", "/cancel", "/payment").get(i / 8 % 3)), run.serviceKey)
                        .method(i / 8 % 3 == 0 ? "PATCH" : "POST", HttpRequest.BodyPublishers.ofString(
                                "{\"status\":\"paid\"}")));
                case 6 -> run.send(withKey(run.request(PATH + "/doctors"), run.serviceKey)
                        .POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(Map.of(
                                "externalId", "", "username", "u".repeat(200 + i), "displayName", " ",
                                "password", "short")))));
                default -> run.send(withKey(run.request(PATH + "/appointments"), run.serviceKey)
                        .header("Idempotency-Key", "k".repeat(201 + i))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));
            };
            typed(run, "integration #" + i, r);
        }

        private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key) {
            return request.header("Authorization", "Bearer " + key);
        }

        private static void typed(Run run, String input, HttpResponse<String> response) {
            int status = response.statusCode();
            try {
                String code = CODEC.tree(response.body()).path("error").path("code").asText("");
                if (status >= 400 && status < 500 && !code.isEmpty() && !response.body().contains("Exception")) {
                    ErrorCode.valueOf(code);
                    run.outcome(status + " " + code);
                    return;
                }
            } catch (RuntimeException e) {
                // untyped: below
            }
            run.failure(input + " -> " + status + " " + abbreviate(response.body()));
        }
    }

    /** Wrong passwords for invented names and for a real doctor, from a few addresses and from many. */
    static final class SignInFlood implements Category {
        @Override
        public String name() {
            return "sign-in flood";
        }

        @Override
        public int count() {
            return 400;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            String name = i % 3 == 0 || i % 5 == 0 ? "demo-doctor-2" : MARK + new Random(i).nextLong();
            String address = i % 5 == 0 ? "192.0.2." + i % 250 : "203.0.113." + i % 2;
            run.rest("sign-in flood", run.send(run.request("/api/auth/login").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(CODEC.toJson(new LoginRequest(name, "guess-" + i))))));
        }
    }

    /** The API with the wrong appointment, the wrong role, and expired, forged, tampered and garbage tokens. */
    static final class WrongAppointmentRoleAndToken implements Category {
        @Override
        public String name() {
            return "wrong appointment, role, token";
        }

        @Override
        public int count() {
            return 4400;
        }

        @Override
        public void send(Run run, int i) throws Exception {
            long a = run.legitRoom;
            String token;
            String path;
            String method = "GET";
            switch (i % 10) {
                case 0 -> { // a patient's link on another appointment
                    token = run.attackerToken;
                    path = "/api/appointments/" + a + (i % 20 == 0 ? "" : "/call-status");
                }
                case 1 -> { // a patient where only doctors go
                    token = run.attackerToken;
                    path = "/api/appointments";
                }
                case 2 -> { // another doctor
                    token = run.otherDoctorToken;
                    path = "/api/appointments/" + a + "/end-call";
                    method = "POST";
                }
                case 3 -> { // expired, with the right secret
                    token = run.sameSecret.patientToken(run.attackerRoom, 1, Instant.now().minusSeconds(60 + i));
                    path = "/api/appointments/" + run.attackerRoom;
                }
                case 4 -> { // signed with another secret
                    token = run.otherSecret.doctorToken(1, "demo-doctor", Instant.now().plusSeconds(3600));
                    path = "/api/appointments";
                }
                case 5 -> { // a real token, one character changed
                    char[] t = run.attackerToken.toCharArray();
                    int at = t.length - 1 - i % 20;
                    t[at] = t[at] == 'A' ? 'B' : 'A';
                    token = new String(t);
                    path = "/api/appointments/" + run.attackerRoom;
                }
                case 6 -> { // garbage
                    token = randomText(new Random(i), 1 + i % 3000).replaceAll("[^A-Za-z0-9._-]", "x");
                    path = "/api/appointments";
                }
                case 7 -> { // ids that are no ids
                    token = run.otherDoctorToken;
                    path = "/api/appointments/" + List.of("abc", "-1", "0", "99999999999999999999999", "1.5",
                            "%00", "..%2f..%2fetc").get(i / 10 % 7) + "/call-status";
                }
                case 8 -> { // a missing appointment, and another doctor's: the same answer
                    token = run.otherDoctorToken;
                    path = "/api/appointments/" + (i % 20 == 0 ? a : 900_000 + i);
                }
                default -> { // no token at all
                    token = null;
                    path = "/api/appointments/" + a + "/start-call";
                    method = "POST";
                }
            }
            HttpRequest.Builder request = run.request(path).method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            run.rest(method + " " + path, run.send(request));
        }
    }
}
