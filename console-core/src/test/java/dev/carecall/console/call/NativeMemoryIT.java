package dev.carecall.console.call;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.carecall.console.call.Await.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty calls in one process with the same two engines, printing the process's resident memory after each as a
 * benchmark figure. A call that leaked its native objects (webrtc-java 0.14.0 leaks the peer connection on close,
 * and with it the factory's media engine) would grow the process by about what an undisposed factory costs, so the
 * test first measures that cost and then asserts only a generous bound well below it for the last ten calls.
 */
class NativeMemoryIT {
    private static final int CALLS = 20;
    private static final int LEAKS_TO_MEASURE = 3;

    @Test
    void twentyCallsDoNotLeakNativeObjects() throws Exception {
        try (CareCallServer server = CareCallServer.startForTests()) {
            long appointment = server.createAppointment("demo-doctor", "Memory Patient", Instant.now(), true);
            Recorder doctorEvents = new Recorder();
            Recorder patientEvents = new Recorder();
            try (CallEngine doctor = engine(server, appointment, Role.DOCTOR, doctorEvents);
                 CallEngine patient = engine(server, appointment, Role.PATIENT, patientEvents)) {
                // Warm up: class loading, JIT, the codecs' first allocations and glibc's arenas are not leaks.
                call(doctor, patient, doctorEvents, patientEvents);
                call(doctor, patient, doctorEvents, patientEvents);

                long leakCost = costOfALeakedCall();
                List<Long> rss = new ArrayList<>();
                for (int i = 1; i <= CALLS; i++) {
                    long frames = call(doctor, patient, doctorEvents, patientEvents);
                    rss.add(residentKiB());
                    System.out.printf("call %2d: %d frames received, VmRSS %,d KiB%n", i, frames, rss.getLast());
                }
                long growthOfLastTen = rss.getLast() - rss.get(CALLS - 11);
                System.out.printf("a call leaked as webrtc-java's close() leaves it costs %,d KiB; the last 10 calls grew VmRSS by %,d KiB "
                        + "(%,d KiB a call)%n", leakCost, growthOfLastTen, growthOfLastTen / 10);
                assertTrue(growthOfLastTen < 10 * leakCost / 2, "10 calls grew the process by " + growthOfLastTen
                        + " KiB, more than 5 leaked calls (" + 5 * leakCost + " KiB)");
            }
        }
    }

    /** One full call: start, join, wait until video arrives on both sides, hang up, wait until both ended. */
    private static long call(CallEngine doctor, CallEngine patient, Recorder doctorEvents, Recorder patientEvents)
            throws Exception {
        long doctorFrames = doctor.remoteVideo().framesReceived();
        long patientFrames = patient.remoteVideo().framesReceived();
        doctorEvents.phases.clear();
        patientEvents.phases.clear();
        doctor.startCall();
        until("patient offered Join", Duration.ofSeconds(10), () -> patientEvents.phases.contains(CallPhase.INCOMING));
        patient.joinCall();
        until("video on both sides", Duration.ofSeconds(30),
                () -> doctor.remoteVideo().framesReceived() > doctorFrames + 10
                        && patient.remoteVideo().framesReceived() > patientFrames + 10);
        doctor.endCall();
        until("both ended", Duration.ofSeconds(10), () -> doctorEvents.phases.contains(CallPhase.ENDED)
                && patientEvents.phases.contains(CallPhase.ENDED));
        return doctor.remoteVideo().framesReceived() - doctorFrames;
    }

    /**
     * Resident memory growth per call when the call is cleaned up only as webrtc-java's API offers (peer connection
     * closed, tracks, audio module and factory disposed): two peers wired directly, media flowing, then that cleanup.
     */
    private static long costOfALeakedCall() throws Exception {
        long before = residentKiB();
        for (int i = 0; i < LEAKS_TO_MEASURE; i++) {
            List<DirectPeer> pair = DirectPeer.connectedPair();
            for (DirectPeer peer : pair) {
                peer.closeAsTheLibraryDoes();
            }
        }
        return Math.max(1, (residentKiB() - before) / LEAKS_TO_MEASURE);
    }

    private static CallEngine engine(CareCallServer server, long appointment, Role role, Recorder events)
            throws Exception {
        String token = role == Role.DOCTOR ? server.doctorToken("demo-doctor") : server.patientToken(appointment);
        CallEngine engine = WebRtcCallEngine.create(new CallSettings(server.webSocketBaseUri(), appointment, token,
                role, MediaSettings.synthetic()));
        engine.addListener(events);
        engine.connect();
        until(role + " ready", Duration.ofSeconds(10), () -> events.phase() == CallPhase.READY);
        return engine;
    }

    /** VmRSS of this process, after a GC so that Java garbage does not count. */
    private static long residentKiB() throws Exception {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
