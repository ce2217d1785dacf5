package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallSessionView;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** What the consultation tests share: a new appointment, media both ways, and what the backend stored at the end. */
final class Consultation {
    /** Enough media to be sure it flows, a few seconds of it, not a benchmark. */
    static final long FRAMES = 30;
    static final long AUDIO_PACKETS = 50;

    private Consultation() {
    }

    static long newAppointment(CareCallServer server) {
        return server.createAppointment("demo-doctor", "Maria Silva", Instant.now().plus(5, ChronoUnit.MINUTES), true);
    }

    static DoctorSide doctor(CareCallServer server, long appointmentId) {
        return new DoctorSide(server.webSocketBaseUri(), appointmentId, server.doctorToken("demo-doctor"));
    }

    /** Both sides' statistics once media flows both ways. */
    record Figures(Map<String, Object> page, CallStatistics engine) {
    }

    /** Waits until video frames and audio packets arrive on both sides; prints the figures and returns them. */
    static Figures awaitMediaBothWays(PatientBrowser page, DoctorSide doctor, String order) {
        page.until(() -> "connected".equals(page.state().get("media")), () -> "the page's media to connect");
        doctor.awaitPhase(CallPhase.CONNECTED);
        Map<String, Object> pageStats = page.until(() -> {
            Map<String, Object> s = page.stats();
            return s != null && number(s, "videoFramesDecoded") >= FRAMES
                    && number(s, "audioPacketsReceived") >= AUDIO_PACKETS
                    && number(s, "videoFramesSent") >= FRAMES && number(s, "audioPacketsSent") >= AUDIO_PACKETS ? s : null;
        }, () -> "media both ways: page statistics " + page.stats() + "; transceivers "
                + page.script("return window.carecall.transceivers();"));
        CallStatistics engineStats = doctor.awaitStatistics(s -> s.videoFramesDecoded() >= FRAMES
                && s.audioPacketsReceived() >= AUDIO_PACKETS && s.videoFramesSent() >= FRAMES
                && s.audioPacketsSent() >= AUDIO_PACKETS, "frames and packets both ways");
        System.out.printf("[%s, %s] page: video frames decoded %d, sent %d; audio packets received %d, sent %d; "
                        + "pair %s/%s%n", page, order, number(pageStats, "videoFramesDecoded"),
                number(pageStats, "videoFramesSent"), number(pageStats, "audioPacketsReceived"),
                number(pageStats, "audioPacketsSent"), pageStats.get("localCandidateType"),
                pageStats.get("remoteCandidateType"));
        System.out.printf("[%s, %s] engine: video frames decoded %d, sent %d; audio packets received %d, sent %d; "
                        + "rtt %.1f ms; pair %s/%s%n", page, order, engineStats.videoFramesDecoded(),
                engineStats.videoFramesSent(), engineStats.audioPacketsReceived(), engineStats.audioPacketsSent(),
                engineStats.roundTripTimeMillis(), engineStats.localCandidateType(), engineStats.remoteCandidateType());
        return new Figures(pageStats, engineStats);
    }

    /** The backend stored the call as ended by this party, with its times in order. */
    static void assertEnded(Rest rest, long id, Role endedBy) {
        assertEquals(CallStatus.ENDED, rest.callStatus(id).callStatus());
        CallSessionView newest = rest.callHistory(id).getFirst();
        assertEquals(CallStatus.ENDED, newest.status());
        assertEquals(endedBy, newest.endedBy());
        assertNotNull(newest.endedAt());
        assertNotNull(newest.joinedAt());
        assertFalse(newest.endedAt().isBefore(newest.startedAt()));
    }

    static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
