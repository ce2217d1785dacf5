package dev.carecall.backend;

import dev.carecall.backend.room.Participant;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import static dev.carecall.backend.HostileInputIT.CODEC;
import static dev.carecall.backend.HostileInputIT.MARK;
import static dev.carecall.backend.HostileInputIT.WAIT;

/**
 * Patients that stop reading while their room is flooded: a raw socket with a tiny receive buffer registers, the
 * doctor starts the call and floods it with large signals (as fast as the signal bucket lets them through, the rest
 * answered {@code RATE_LIMITED}), and the patient keeps talking but never reads. The server must give it up (its
 * queue overflows or a write hangs past the stall limit): the doctor is told the patient left, the doctor's own
 * socket and call carry on, and the patient, reading at last, finds close code 4008 (or, if it does not read that
 * within three keep-alive intervals, finds its connection cut). Two rooms are flooded at
 * once, one per sending thread, while the legitimate call goes on in another room.
 * <p>
 * The flooding doctor is answered {@code RATE_LIMITED} for what the bucket refuses; on a loaded machine it may read
 * those answers late. The server bounds answers apart from what the other party sends, dropping the ones beyond, so
 * a flooder's unread refusals never give up its own socket (which once took the patient's departure with it).
 * On two cores the two flooding doctors' sockets once held both carrier threads of the server's virtual threads, so
 * the task that frees a given-up patient's seat and tells the doctor waited for as long as the flood went on; each
 * socket now gives the others a turn after every frame
 * ({@code RelayLimitsIT.socketsSendingFasterThanTheServerReadsHoldUpNoOtherRoom}).
 */
final class SlowReaders implements HostileInputIT.Category {
    private static final String DOCTOR = "demo-doctor-2";
    /** Large enough that the kernel's buffers hold only a few hundred of them. */
    private static final String SIGNAL = "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0 " + MARK
            + "flood " + "a".repeat(16_000) + "\"}}";
    private static final String PING = CODEC.encode(new ClientMessage.Ping("still here"));
    /**
     * 250 a second: a little faster than the signal bucket refills, so the socket's queue grows as fast as the
     * server lets anyone fill it, without flooding the machine with signals that are only refused.
     */
    private static final long SIGNAL_EVERY_NANOS = Duration.ofMillis(4).toNanos();
    /**
     * A bound, not an expectation: idle, a patient is given up within seconds (its buffers fill, then the stall
     * limit); at load 40 on two cores it took up to 32 s.
     */
    private static final Duration FLOOD_LIMIT = Duration.ofSeconds(90);

    private final CareCallServer server;
    /** One room per sending thread, made when first needed and used again in every pass. */
    private final AtomicReferenceArray<Long> rooms = new AtomicReferenceArray<>(threads());
    private final AtomicLong flooded = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile long slowest;

    SlowReaders(HostileInputIT.Run run) {
        this.server = run.server();
    }

    @Override
    public String name() {
        return "slow readers";
    }

    @Override
    public int count() {
        return 4;
    }

    @Override
    public int threads() {
        return 2;
    }

    @Override
    public void send(HostileInputIT.Run run, int i) throws Exception {
        long room = rooms.updateAndGet(i % threads(), r -> r != null ? r
                : server.createAppointment(DOCTOR, MARK + "slow reader", Instant.now(), true));
        URI address = server.webSocketBaseUri().resolve("/ws/appointments/" + room);
        // A client of its own: the doctor must read its answers while the other flood's doctor writes 16 KB frames
        // as fast as it may, and a shared client reads both on one thread.
        SocketClient doctor = SocketClient.connect(address);
        try (doctor; RawSocket patient = RawSocket.open(address, 4096)) {
            doctor.send(new ClientMessage.Register(server.doctorToken(DOCTOR)));
            doctor.expect(ServerMessage.Registered.class);
            patient.sendText(CODEC.encode(new ClientMessage.Register(server.patientToken(room))));
            if (!new ServerMessage.PeerPresence(Role.PATIENT, true).equals(
                    doctor.await(ServerMessage.PeerPresence.class))) {
                run.failure("slow reader #" + i + ": the doctor did not see the patient arrive");
                return;
            }
            doctor.send(new ClientMessage.StartCall());
            doctor.await(ServerMessage.ActiveCall.class);

            long start = System.nanoTime();
            boolean givenUp = false;
            long sent = 0;
            long rateLimited = 0;
            while (!givenUp && System.nanoTime() - start < FLOOD_LIMIT.toNanos()) {
                LockSupport.parkNanos(start + sent * SIGNAL_EVERY_NANOS - System.nanoTime());
                doctor.sendText(SIGNAL);
                sent++;
                if (sent % 20 == 0) {
                    // It talks, so the keep-alive sees a live client: what gives it up must be that it does not read.
                    patient.sendText(PING);
                }
                for (ServerMessage m : doctor.pending()) {
                    if (m instanceof ServerMessage.Error e && e.code() == ErrorCode.RATE_LIMITED) {
                        rateLimited++;
                    } else if (new ServerMessage.PeerPresence(Role.PATIENT, false).equals(m)) {
                        givenUp = true;
                    } else {
                        run.failure("slow reader #" + i + ": the flooding doctor got " + m);
                    }
                }
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            flooded.addAndGet(sent);
            refused.addAndGet(rateLimited);
            slowest = Math.max(slowest, tookMs);
            if (!givenUp) {
                run.failure("slow reader #" + i + ": still seated after " + sent + " signals in " + tookMs + " ms");
                return;
            }
            RawSocket.ReadToClose read = patient.readToClose();
            // The room carries on: the doctor ends the call like any other.
            doctor.send(new ClientMessage.EndCall("end"));
            boolean ended = false;
            for (int skipped = 0; skipped < 10_000 && !ended; skipped++) {
                ServerMessage m = doctor.poll(WAIT);
                if (m == null) {
                    break;
                }
                ended = m instanceof ServerMessage.CallEnded;
            }
            if (read.closeCode() == Participant.CLOSE_TOO_SLOW && ended) {
                run.outcome("close " + read.closeCode() + " (too slow), seat freed, call ended by the doctor");
            } else if (read.closeCode() == -1 && ended) {
                // The close frame waits for the hung write to end; a client that does not even read it within three
                // keep-alive intervals of being given up is cut without one (seen on a machine short of CPU).
                run.outcome("given up and cut before its close could go out, seat freed, call ended by the doctor");
            } else {
                run.failure("slow reader #" + i + ": close " + read.closeCode() + ", call ended " + ended);
            }
        }
    }

    @Override
    public void finish(HostileInputIT.Run run) {
        run.note(name(), String.format("%d signals flooded at them, %d refused RATE_LIMITED, each given up at most "
                + "%d ms after its flood began", flooded.getAndSet(0), refused.getAndSet(0), slowest));
        slowest = 0;
    }
}
