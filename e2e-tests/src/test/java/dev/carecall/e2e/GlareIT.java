package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.rest.CallSessionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.carecall.e2e.Consultation.newAppointment;
import static dev.carecall.e2e.Consultation.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Glare, on purpose and many times: the page and the doctor's engine both offer the moment the call is joined, and
 * once media flows both restart ICE at the same moment. Perfect negotiation must keep one offer each time (the
 * doctor impolite, the patient polite): every round connects with media both ways, connects again after the
 * restart, and ends as one session. Rounds alternate who starts the call. The figures (rounds, failures, connect
 * times, how many rounds really collided at the page) are printed; failed rounds are listed with what was seen.
 *
 * <p>Not in the default run: {@code -Dcarecall.glare.browserRounds=50} runs it (50 is the target). Chromium still
 * loses about one round in five to a candidate gathering that comes back empty after glare, and a Firefox round
 * takes about 25 s on the shared two-core machine, so 50 rounds in both browsers would take some 25 minutes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
@EnabledIfSystemProperty(named = "carecall.glare.browserRounds", matches = "\\d+")
class GlareIT {
    static final int ROUNDS = Integer.getInteger("carecall.glare.browserRounds", 50);
    /** Enough to be sure media flows, well under a second of it. */
    private static final long FRAMES = 10;
    private static final long AUDIO_PACKETS = 20;

    @RegisterExtension
    static final Backend backend = new Backend();
    private static PatientBrowser page;

    @Parameter
    Browser browser;

    @BeforeParameterizedClassInvocation
    static void launch(Browser browser) {
        page = browser.launch(BrowserOptions.desktop());
    }

    @AfterParameterizedClassInvocation
    static void quit() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void bothSidesOfferAtJoinAndRestartIceTogetherAndEveryRoundConnectsAsOneSession() {
        List<String> failures = new ArrayList<>();
        List<Long> connectMillis = new ArrayList<>();
        List<Long> restartMillis = new ArrayList<>();
        int collided = 0;
        long started = System.nanoTime();
        long id = newAppointment(backend.server());
        DoctorSide doctor = null;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                long roundStart = System.nanoTime();
                boolean patientStarts = round % 2 == 0;
                try {
                    if (doctor == null) {
                        doctor = freshStart(id);
                    }
                    Round r = round(doctor, id, patientStarts);
                    System.out.printf("[%s] glare round %d (%s joins): connected in %d ms, again %d ms after the ICE "
                                    + "restart, round %d ms, offers collided at the page %d times%n", page, round,
                            patientStarts ? "doctor" : "patient", r.connectMillis, r.restartMillis,
                            (System.nanoTime() - roundStart) / 1_000_000, r.collisions);
                    connectMillis.add(r.connectMillis);
                    restartMillis.add(r.restartMillis);
                    collided += r.collisions > 0 ? 1 : 0;
                } catch (AssertionError | RuntimeException e) {
                    String first = Objects.toString(e.getMessage(), e.toString()).lines().findFirst().orElse("");
                    failures.add("round " + round + ": " + first);
                    System.out.println("[" + page + "] glare round " + round + " failed: " + e.getMessage());
                    // The next round starts from scratch: the call ended on the server, a new engine, the page anew.
                    backend.doctorRest().endCall(id);
                    if (doctor != null) {
                        doctor.close();
                        doctor = null;
                    }
                }
            }
        } finally {
            if (doctor != null) {
                doctor.close();
            }
        }
        System.out.printf("[%s] glare: %d rounds in %.0f s, %d failed; median connect %d ms, median reconnect after "
                        + "the ICE restart %d ms; offers collided at the page in %d rounds%n", page, ROUNDS,
                (System.nanoTime() - started) / 1e9, failures.size(), median(connectMillis), median(restartMillis),
                collided);
        assertEquals(List.of(), failures, "every round connects with media both ways and ends as one session");
    }

    /** The engine signed in and the page opened on the appointment, both set to offer the moment they join. */
    private DoctorSide freshStart(long id) {
        DoctorSide doctor = Consultation.doctor(backend.server(), id);
        doctor.offerOnJoin();
        page.open(backend.server().patientJoinUrl(id));
        page.script("window.carecall.offerOnJoin();");
        // "Start Call", or the ended notice when a failed round's call was ended.
        page.until(() -> "Start Call".equals(page.enabledPrimary()) || "notice".equals(page.state().get("phase")),
                () -> "Start Call or the ended notice");
        doctor.await(() -> doctor.phase() == CallPhase.READY || doctor.phase() == CallPhase.ENDED, "doctor ready");
        return doctor;
    }

    private record Round(long connectMillis, long restartMillis, long collisions) {
    }

    /**
     * One call of the appointment with glare at the join and at an ICE restart, started by the patient (from the
     * pre-call view or the ended notice's "Start the call again") or by the doctor.
     */
    private Round round(DoctorSide doctor, long id, boolean patientStarts) {
        int sessionsBefore = backend.doctorRest().callHistory(id).size();
        long joined;
        if (patientStarts) {
            page.click("notice".equals(page.state().get("phase")) ? "notice-action" : "primary-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            joined = System.nanoTime();
            doctor.engine.joinCall();
        } else {
            doctor.engine.startCall();
            page.until(() -> "Join Call".equals(page.enabledPrimary()), () -> "Join Call");
            joined = System.nanoTime();
            page.click("primary-action");
        }
        awaitConnected(doctor);
        long connectMillis = (System.nanoTime() - joined) / 1_000_000;
        Media before = awaitMedia(doctor, new Media(Map.of(), null), "media both ways after the join");

        Map<String, Object> ice = negotiation();
        long restart = System.nanoTime();
        doctor.engine.restartIce();
        page.script("window.carecall.restartIce();");
        page.until(() -> {
            Map<String, Object> now = negotiation();
            return "stable".equals(now.get("signalingState"))
                    && !Objects.equals(now.get("localUfrag"), ice.get("localUfrag"))
                    && !Objects.equals(now.get("remoteUfrag"), ice.get("remoteUfrag"));
        }, () -> "new ICE credentials on both sides: before " + ice + ", now " + negotiation());
        awaitConnected(doctor);
        long restartMillis = (System.nanoTime() - restart) / 1_000_000;
        awaitMedia(doctor, before, "media both ways after the ICE restart");
        long collisions = number(negotiation(), "collisions");

        doctor.engine.endCall();
        page.until(() -> "notice".equals(page.state().get("phase")), () -> "the ended notice");
        doctor.awaitPhase(CallPhase.ENDED);
        List<CallSessionView> sessions = backend.doctorRest().callHistory(id);
        assertEquals(sessionsBefore + 1, sessions.size(), "one session more: " + sessions);
        assertEquals(CallStatus.ENDED, sessions.getFirst().status());
        return new Round(connectMillis, restartMillis, collisions);
    }

    private void awaitConnected(DoctorSide doctor) {
        page.until(() -> "connected".equals(page.state().get("media")), () -> "the page's media to connect; "
                + negotiation());
        doctor.awaitPhase(CallPhase.CONNECTED);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> negotiation() {
        return (Map<String, Object>) page.script("return window.carecall.negotiation();");
    }

    /** Both sides' media counters, taken once they have all grown by a few frames and packets since {@code from}. */
    private record Media(Map<String, Object> page, CallStatistics engine) {
        long at(String key) {
            return page.isEmpty() ? 0 : number(page, key);
        }
    }

    private Media awaitMedia(DoctorSide doctor, Media from, String what) {
        Map<String, Object> pageStats = page.until(() -> {
            Map<String, Object> s = page.stats();
            return s != null && grown(s, from, "videoFramesDecoded", FRAMES) && grown(s, from, "videoFramesSent", FRAMES)
                    && grown(s, from, "audioPacketsReceived", AUDIO_PACKETS)
                    && grown(s, from, "audioPacketsSent", AUDIO_PACKETS) ? s : null;
        }, () -> what + ": page statistics " + page.stats() + " (before " + from.page + ")");
        CallStatistics e = from.engine;
        CallStatistics engineStats = doctor.awaitStatistics(s -> e == null
                ? s.videoFramesDecoded() >= FRAMES && s.audioPacketsReceived() >= AUDIO_PACKETS
                        && s.videoFramesSent() >= FRAMES && s.audioPacketsSent() >= AUDIO_PACKETS
                : s.videoFramesDecoded() >= e.videoFramesDecoded() + FRAMES
                        && s.audioPacketsReceived() >= e.audioPacketsReceived() + AUDIO_PACKETS
                        && s.videoFramesSent() >= e.videoFramesSent() + FRAMES
                        && s.audioPacketsSent() >= e.audioPacketsSent() + AUDIO_PACKETS, what);
        return new Media(pageStats, engineStats);
    }

    private static boolean grown(Map<String, Object> now, Media from, String key, long by) {
        return number(now, key) >= from.at(key) + by;
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
