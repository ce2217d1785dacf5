package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallStatusView;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.carecall.backend.HostileInputIT.CODEC;
import static dev.carecall.backend.HostileInputIT.MARK;
import static org.awaitility.Awaitility.await;

/**
 * Connections whose client vanishes without a close: raw sockets that, once in their room, neither read nor write
 * again (the server's pings go unanswered, no FIN, no reset, as when Wi-Fi drops or a NAT forgets the connection),
 * a patient mid-call and a doctor whose call waits; a socket that goes silent before it even registers; and a
 * patient mid-call whose connection ends with a TCP reset. They are all left at once, and each must be noticed on
 * its own: the seat freed ({@code call-status} says the party is gone), the connection cut by the server (the raw
 * socket, read at last, ends without a close frame), the socket that never registered closed with
 * {@code REGISTER_TIMEOUT} and 1008. The calls are then ended over REST, as the doctor would.
 * <p>
 * The room keep-alive (2 s, three missed pings) notices a silent socket within about 8 s; the figure is printed.
 */
final class HalfOpenConnections implements HostileInputIT.Category {
    private static final String DOCTOR = "demo-doctor-2";
    /** Bound on the wait for each input's outcome; the keep-alive's own bound is 10 s after the line went silent. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

    private enum Kind {
        SILENT_PATIENT_IN_CALL("half-open patient in a call: seat freed, connection cut"),
        SILENT_DOCTOR_CALL_WAITING("half-open doctor, call waiting: seat freed, connection cut"),
        SILENT_BEFORE_REGISTER("silent before register: error REGISTER_TIMEOUT, close 1008"),
        RESET_PATIENT_IN_CALL("TCP reset, patient in a call: seat freed");

        final String outcome;

        Kind(String outcome) {
            this.outcome = outcome;
        }
    }

    /** A connection left silent (or reset), waiting to be noticed. */
    private record Left(int index, Kind kind, long room, RawSocket socket, long silentSince) {
    }

    private final CareCallServer server;
    private final String doctorToken;
    /** Each input has a room of its own (they are all silent at the same time), used again in the next pass. */
    private final Map<Integer, Long> rooms = new ConcurrentHashMap<>();
    private final List<Left> left = new ArrayList<>();

    HalfOpenConnections(HostileInputIT.Run run) {
        this.server = run.server();
        this.doctorToken = server.doctorToken(DOCTOR);
    }

    @Override
    public String name() {
        return "half-open TCP";
    }

    @Override
    public int count() {
        return 24;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void send(HostileInputIT.Run run, int i) throws Exception {
        Kind kind = Kind.values()[i % Kind.values().length];
        long room = rooms.computeIfAbsent(i, k -> server.createAppointment(DOCTOR, MARK + "half-open " + k,
                Instant.now(), true));
        URI address = server.webSocketBaseUri().resolve("/ws/appointments/" + room);
        RawSocket socket = RawSocket.open(address, 65_536);
        try {
            switch (kind) {
                case SILENT_PATIENT_IN_CALL, RESET_PATIENT_IN_CALL -> {
                    expectStatus(200, rest(run, "POST", room, "/start-call"));
                    socket.sendText(CODEC.encode(new ClientMessage.Register(server.patientToken(room))));
                    readUpTo(socket, ServerMessage.ActiveCall.class);
                    socket.sendText(CODEC.encode(new ClientMessage.JoinCall()));
                    readUpTo(socket, ServerMessage.JoinerConnected.class);
                    if (kind == Kind.RESET_PATIENT_IN_CALL) {
                        socket.reset();
                    }
                }
                case SILENT_DOCTOR_CALL_WAITING -> {
                    socket.sendText(CODEC.encode(new ClientMessage.Register(doctorToken)));
                    readUpTo(socket, ServerMessage.Registered.class);
                    socket.sendText(CODEC.encode(new ClientMessage.StartCall()));
                    readUpTo(socket, ServerMessage.ActiveCall.class);
                }
                case SILENT_BEFORE_REGISTER -> {
                    // opened, and not a byte more
                }
            }
        } catch (Exception | AssertionError e) {
            socket.close();
            throw e;
        }
        synchronized (left) {
            left.add(new Left(i, kind, room, socket, System.nanoTime()));
        }
    }

    @Override
    public void finish(HostileInputIT.Run run) throws Exception {
        long slowestMs = 0;
        synchronized (left) {
            for (Left l : left) {
                try (RawSocket socket = l.socket()) {
                    long noticedMs = outcome(run, l);
                    slowestMs = Math.max(slowestMs, noticedMs);
                } catch (Exception | AssertionError e) {
                    run.failure("half-open #" + l.index() + " (" + l.kind() + "): " + e);
                }
            }
            left.clear();
        }
        run.note(name(), "each noticed at most " + slowestMs + " ms after it went silent");
    }

    /** Waits for the input's outcome and records it; returns how long after the silence it was noticed. */
    private long outcome(HostileInputIT.Run run, Left l) throws Exception {
        long deadline = l.silentSince() + NOTICED_WITHIN.toNanos();
        if (l.kind() == Kind.SILENT_BEFORE_REGISTER) {
            ServerMessage answer = CODEC.decodeServer(l.socket().nextText());
            int close = l.socket().readToClose().closeCode();
            if (answer instanceof ServerMessage.Error e && e.code() == ErrorCode.REGISTER_TIMEOUT && close == 1008) {
                run.outcome(l.kind().outcome);
            } else {
                run.failure("silent before register -> " + answer + ", close " + close);
            }
            return 0;
        }
        boolean doctorSide = l.kind() == Kind.SILENT_DOCTOR_CALL_WAITING;
        boolean seatFreed;
        try {
            await().atMost(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000_000L)))
                    .pollInterval(Duration.ofMillis(100)).until(() -> status(run, l.room()),
                            s -> !(doctorSide ? s.doctorConnected() : s.patientConnected()));
            seatFreed = true;
        } catch (ConditionTimeoutException e) {
            seatFreed = false;
        }
        long noticedMs = (System.nanoTime() - l.silentSince()) / 1_000_000;
        // The server cut the connection: reading what it sent before ends without a close frame.
        boolean cut = l.kind() == Kind.RESET_PATIENT_IN_CALL || l.socket().readToClose().closeCode() == -1;
        HttpResponse<String> ended = rest(run, "POST", l.room(), "/end-call");
        if (seatFreed && cut && ended.statusCode() == 200) {
            run.outcome(l.kind().outcome);
        } else {
            run.failure("half-open #" + l.index() + " (" + l.kind() + "): seat freed " + seatFreed + " after "
                    + noticedMs + " ms, cut " + cut + ", end-call " + ended.statusCode());
        }
        return noticedMs;
    }

    /** Reads the socket's messages up to one of this type (a client that still listens, before it vanishes). */
    private static void readUpTo(RawSocket socket, Class<? extends ServerMessage> type) throws Exception {
        for (int skipped = 0; skipped < 20; skipped++) {
            ServerMessage next = CODEC.decodeServer(socket.nextText());
            if (type.isInstance(next)) {
                return;
            }
            if (next instanceof ServerMessage.Error e) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among 20 messages");
    }

    private CallStatusView status(HostileInputIT.Run run, long room) throws Exception {
        HttpResponse<String> response = rest(run, "GET", room, "/call-status");
        expectStatus(200, response);
        return CODEC.fromJson(response.body(), CallStatusView.class);
    }

    private HttpResponse<String> rest(HostileInputIT.Run run, String method, long room, String action)
            throws Exception {
        return run.send(run.request("/api/appointments/" + room + action)
                .header("Authorization", "Bearer " + doctorToken)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static void expectStatus(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": "
                    + HostileInputIT.abbreviate(response.body()));
        }
    }
}
