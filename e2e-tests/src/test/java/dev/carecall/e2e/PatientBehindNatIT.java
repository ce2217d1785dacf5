package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.e2e.browser.NetworkNamespace;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static dev.carecall.e2e.Consultation.assertEnded;
import static dev.carecall.e2e.Consultation.newAppointment;
import static dev.carecall.e2e.Consultation.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient behind a home router's NAT whose network drops ({@link BehindNat}: Chromium in a network namespace of the
 * test's own, {@code cn-pat}, the backend and a STUN server on the router's side, the console's call engine on this
 * machine). The call connects across the NAT; the patient's link is then cut for 5 seconds and for 60 seconds with
 * {@code ip link set ... down}. One browser, one backend, one coturn for the class; everything made outside the
 * namespace is removed afterwards, also when the test fails.
 */
class PatientBehindNatIT {
    /**
     * The patient's private network 192.168.231.0/24 and public address 100.64.231.1, in the namespace {@code cn-pat};
     * {@code -Dcarecall.nat.subnet} and {@code -Dcarecall.nat.namespace} give others, so that two runs on one machine
     * do not meet.
     */
    private static final int SUBNET = Integer.getInteger("carecall.nat.subnet", 231);
    private static final String NAMESPACE = System.getProperty("carecall.nat.namespace", "cn-pat");
    private static final Duration SHORT_CUT = Duration.ofSeconds(5);
    private static final Duration LONG_CUT = Duration.ofSeconds(60);
    /** Generous: the machine is shared and loaded; the figures printed are the measurements. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> THROUGH_NAT = Set.of("srflx", "prflx");
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    static Path dir;
    private static BehindNat patient;
    private static NetworkNamespace network;
    private static CareCallServer server;
    private static PatientBrowser page;

    @BeforeAll
    static void start() {
        patient = BehindNat.start(NAMESPACE, SUBNET, dir);
        network = patient.network;
        server = patient.server;
        page = patient.page;
    }

    @AfterAll
    static void stop() {
        if (patient != null) {
            patient.close();
        }
    }

    @Test
    void aFiveSecondCutSaysReconnectingOnBothScreensAndTheCallRecovers() {
        long id = newAppointment(server);
        try (DoctorSide doctor = Consultation.doctor(server, id)) {
            connect(id, doctor);

            long cutAt = System.nanoTime();
            network.cutLink();
            String pageSaid = awaitPage(() -> reconnectingText(), "the page to say it is reconnecting");
            long pageNoticed = millisSince(cutAt);
            awaitDoctor(() -> doctor.phase() == CallPhase.RECONNECTING_MEDIA, doctor, "the engine to reconnect");
            long doctorNoticed = millisSince(cutAt);
            page.screenshot("nat-reconnecting");
            // At least the 5 seconds of the cut, however quickly both noticed.
            Awaitility.await("the cut's 5 seconds").pollDelay(Duration.ofMillis(Math.max(0,
                    SHORT_CUT.toMillis() - millisSince(cutAt)))).atMost(WAIT).until(() -> true);
            long restoredAt = System.nanoTime();
            network.restoreLink();

            Recovery recovery = awaitRecovery(doctor);
            long recovered = millisSince(restoredAt);
            System.out.printf("[nat, 5 s cut] page said \"%s\" after %d ms, engine reconnecting after %d ms; link down"
                            + " %d ms; media both ways again %d ms after the link came back (page %s, engine %s)%n",
                    pageSaid, pageNoticed, doctorNoticed, (restoredAt - cutAt) / 1_000_000, recovered,
                    recovery.page(), recovery.engine());
            assertTrue(doctor.phases().contains(CallPhase.RECONNECTING_MEDIA), doctor.phases().toString());
            // The socket may have been dropped by the server meanwhile and come back: the page settles on connected.
            awaitPage(() -> "Connected".equals(page.text("connection")) && !page.isDisplayed("call-banner")
                    ? true : null, "the page to say connected, with no reconnecting line");

            // Stored in the database as it happened: both sides' interruption and recovery.
            List<CallEventView> log = awaitStoredLog(id, events -> events.containsAll(List.of(
                    "doctor " + CallEvent.MEDIA_INTERRUPTED.wireName(), "doctor " + CallEvent.MEDIA_RESTORED.wireName(),
                    "patient " + CallEvent.MEDIA_INTERRUPTED.wireName(),
                    "patient " + CallEvent.MEDIA_RESTORED.wireName())));
            System.out.println("[nat, 5 s cut] stored log: " + log.stream()
                    .map(e -> e.from() + " " + e.event().wireName()).toList());

            doctor.engine.endCall();
            assertTrue(page.visibleText("notice-text").contains("ended the consultation"), page.text("notice-text"));
            assertEnded(new Rest(server.baseUri(), server.doctorToken("demo-doctor")), id, Role.DOCTOR);
        }
    }

    @Test
    void aSixtySecondCutEndsInAClearStateOnBothSidesAndThePatientRejoins() {
        long id = newAppointment(server);
        Rest rest = new Rest(server.baseUri(), server.doctorToken("demo-doctor"));
        try (DoctorSide doctor = Consultation.doctor(server, id)) {
            connect(id, doctor);
            long session = ((Number) page.state().get("sessionId")).longValue();

            long cutAt = System.nanoTime();
            network.cutLink();
            // The server drops the silent socket within 10 seconds and tells the doctor.
            awaitDoctor(() -> !doctor.patientPresent(), doctor, "the server to tell the doctor the patient is gone");
            long presenceGone = millisSince(cutAt);
            assertFalse(rest.callStatus(id).patientConnected(), "call-status no longer says both are connected");
            // Doctor: the patient lost the connection; the call waits (End still works), it does not fail.
            awaitDoctor(() -> doctor.lastProblem() instanceof CallProblem.OtherPartyAway, doctor,
                    "the engine to say the patient lost the connection");
            assertEquals(new CallProblem.OtherPartyAway(Role.PATIENT), doctor.lastProblem());
            assertEquals(CallPhase.RECONNECTING_MEDIA, doctor.phase());
            long doctorClear = millisSince(cutAt);
            // Page: its own connection is gone, and the call picks up by itself once it is back.
            String pageSaid = awaitPage(() -> "Connection lost".equals(page.text("connection"))
                    ? page.visibleText("call-banner") : null, "the page to say the connection was lost");
            long pageClear = millisSince(cutAt);
            assertTrue(pageSaid.startsWith("Your internet connection was lost."), pageSaid);
            assertEquals("reconnecting", page.state().get("signaling"));
            page.screenshot("nat-connection-lost");

            Awaitility.await("the cut's 60 seconds").pollDelay(Duration.ofMillis(Math.max(0,
                    LONG_CUT.toMillis() - millisSince(cutAt)))).atMost(Duration.ofSeconds(90)).until(() -> true);
            assertEquals(CallPhase.RECONNECTING_MEDIA, doctor.phase(), "the doctor still waits after 60 s");
            assertEquals(CallStatus.ACTIVE, rest.callStatus(id).callStatus());
            long restoredAt = System.nanoTime();
            network.restoreLink();

            awaitPage(() -> "registered".equals(page.state().get("signaling")) ? true : null,
                    "the page to register again");
            long registered = millisSince(restoredAt);
            Recovery recovery = awaitRecovery(doctor);
            long recovered = millisSince(restoredAt);
            assertEquals(session, ((Number) page.state().get("sessionId")).longValue(), "the same call goes on");
            assertTrue(doctor.patientPresent());
            assertTrue(rest.callStatus(id).patientConnected());
            System.out.printf("[nat, 60 s cut] doctor told the patient left after %d ms, said 'lost the connection'"
                            + " after %d ms; page said \"%s\" after %d ms; after the link came back the page"
                            + " registered in %d ms and media flowed both ways in %d ms (page %s, engine %s)%n",
                    presenceGone, doctorClear, pageSaid, pageClear, registered, recovered, recovery.page(),
                    recovery.engine());

            doctor.engine.endCall();
            doctor.awaitPhase(CallPhase.ENDED);
            assertEnded(rest, id, Role.DOCTOR);
        }
    }

    /** The patient starts, the doctor joins, media flows both ways across the NAT. */
    private static void connect(long id, DoctorSide doctor) {
        Consultation.Figures figures = patient.connect(id, doctor, WAIT, "behind NAT");
        // The engine sees the patient at the NAT's public address, never at its private one.
        String seenAs = figures.engine().remoteCandidateType();
        assertTrue(THROUGH_NAT.contains(seenAs), "the engine reached the patient as " + seenAs);
    }

    /** The page's connection line while the media is down, or null. */
    private static String reconnectingText() {
        String badge = page.text("connection");
        return "Reconnecting…".equals(badge) || "Connection lost".equals(badge) ? badge : null;
    }

    record Recovery(String page, String engine) {
    }

    /** Waits until both sides say connected and fresh video and audio arrive on both; returns the pairs used. */
    private static Recovery awaitRecovery(DoctorSide doctor) {
        Map<String, Object> pageBefore = page.stats();
        CallStatistics engineBefore = doctor.statistics();
        Awaitility.await("media both ways again").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!"connected".equals(page.state().get("media")) || doctor.phase() != CallPhase.CONNECTED) {
                return false;
            }
            Map<String, Object> p = page.stats();
            CallStatistics e = doctor.statistics();
            return p != null && grew(p, pageBefore, "videoFramesDecoded", 10)
                    && grew(p, pageBefore, "audioPacketsReceived", 20)
                    && e.videoFramesDecoded() >= base(e.videoFramesDecoded(), engineBefore.videoFramesDecoded()) + 10
                    && e.audioPacketsReceived() >= base(e.audioPacketsReceived(), engineBefore.audioPacketsReceived())
                    + 20;
        });
        Map<String, Object> p = page.stats();
        CallStatistics e = doctor.statistics();
        return new Recovery(p.get("localCandidateType") + "/" + p.get("remoteCandidateType"),
                e.localCandidateType() + "/" + e.remoteCandidateType());
    }

    /** A fresh peer connection counts from zero again. */
    private static long base(long now, long before) {
        return now < before ? 0 : before;
    }

    private static boolean grew(Map<String, Object> now, Map<String, Object> before, String key, long by) {
        long b = before == null ? 0 : number(before, key);
        return number(now, key) >= base(number(now, key), b) + by;
    }

    private static <T> T awaitPage(Supplier<T> condition, String what) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(condition::get, v -> v != null);
    }

    private static void awaitDoctor(Supplier<Boolean> condition, DoctorSide doctor, String what) {
        Awaitility.await(what + " (phase " + doctor.phase() + ")").atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(condition::get);
    }

    /** The session's log as the database holds it (not the room's memory), once it has what the test needs. */
    private static List<CallEventView> awaitStoredLog(long appointmentId,
                                                      java.util.function.Predicate<List<String>> complete) {
        return Awaitility.await("the stored call log").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> storedLog(appointmentId), log -> complete.test(log.stream()
                        .map(e -> e.from().wireName() + " " + e.event().wireName()).toList()));
    }

    private static List<CallEventView> storedLog(long appointmentId) throws SQLException {
        try (Connection c = patient.database();
             PreparedStatement q = c.prepareStatement("SELECT signaling_log FROM call_sessions"
                     + " WHERE appointment_id = ? ORDER BY started_at DESC, id DESC")) {
            q.setLong(1, appointmentId);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? CODEC.listFromJson(rows.getString(1), CallEventView.class) : List.of();
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
