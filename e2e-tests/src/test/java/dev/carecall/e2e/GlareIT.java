package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.rest.CallSessionView;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static dev.carecall.e2e.Consultation.newAppointment;
import static dev.carecall.e2e.Consultation.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Glare, on purpose and many times, in each browser against the doctor's engine: perfect negotiation (the doctor
 * impolite, the patient polite) must keep one offer each time.
 * <ul>
 *   <li>At the join: the page (test hook {@code offerOnJoin()}) and the engine ({@code offerOnJoin()}) both offer
 *   the moment the call is joined. Every round is a new call of the appointment, alternating who starts it; it must
 *   connect with media both ways and end as one session.</li>
 *   <li>At an ICE restart: in one call, both sides restart ICE at the same moment; every round must show new ICE
 *   credentials on both sides and media both ways again, and the whole call stays one session.</li>
 * </ul>
 * Rounds: {@code -Dcarecall.glare.browserRounds} (default 50 each); browsers: {@code -Dcarecall.glare.browsers=chromium}
 * (default both). Part of the suite, both tests in both browsers. The figures (connect
 * times, how many rounds really collided at the page, the time each part took) are printed; a failed round is listed
 * with both sides' statistics, the page's ICE transport and its negotiation trail, and the rounds after it go on from
 * a fresh start.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("browsers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    static Stream<Browser> browsers() {
        String only = System.getProperty("carecall.glare.browsers", "");
        return Arrays.stream(Browser.values()).filter(b -> only.isBlank() || only.toLowerCase(Locale.ROOT)
                .contains(b.id()));
    }

    @BeforeParameterizedClassInvocation
    static void launch(Browser browser) {
        page = browser.launch(BrowserOptions.desktop());
    }

    @AfterParameterizedClassInvocation
    static void quit() {
        if (page != null) {
            page.close();
            page = null;
        }
    }

    @Test
    @Order(1)
    void bothSidesOfferingAtTheJoinConnectEveryRoundAsOneSession() {
        Figures figures = new Figures("offers at the join");
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
                    int sessionsBefore = backend.doctorRest().callHistory(id).size();
                    long connect = join(doctor, patientStarts);
                    awaitMedia(doctor, Media.NONE, "media both ways after the join");
                    long collisions = number(negotiation(), "collisions");
                    end(doctor, id, sessionsBefore);
                    figures.passed(round, connect, collisions, roundStart,
                            patientStarts ? "the patient starts" : "the doctor starts");
                } catch (AssertionError | RuntimeException e) {
                    figures.failed(round, e);
                    doctor = startAgain(doctor, id);
                }
            }
        } finally {
            if (doctor != null) {
                doctor.close();
            }
        }
        figures.print();
        assertEquals(List.of(), figures.failures, "every round connects with media both ways as one session");
    }

    @Test
    @Order(2)
    void bothSidesRestartingIceTogetherReconnectEveryRoundInOneSession() {
        // The engine's offer wins (the page is polite) and Firefox answers it. Firefox checks the engine's new
        // candidates the moment it has them, before its own reach the engine; when the engine's candidates went out
        // with its offer, those checks came first and the engine's libwebrtc made peer-reflexive pairs of them, pruned
        // at once below the old generation's host pair, which still worked. Firefox's host candidates then merged
        // into the pruned pairs, so no check of the engine ever carried the page's new ICE user fragment: Firefox's
        // new transport stayed "checking" and the page's incoming media stopped (every round of ten before the fix).
        // The engine now sends the candidates of its ICE restart only after the answer and the page's first new
        // candidate (OutgoingCandidates); failures here would show the page's transport and trail.
        Figures figures = new Figures("ICE restarts together");
        long id = newAppointment(backend.server());
        DoctorSide doctor = null;
        int sessionsBefore = 0;
        Media media = Media.NONE;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                long roundStart = System.nanoTime();
                try {
                    if (doctor == null) {
                        doctor = freshStart(id);
                        sessionsBefore = backend.doctorRest().callHistory(id).size();
                        join(doctor, true);
                        media = awaitMedia(doctor, Media.NONE, "media both ways before the restarts");
                    }
                    Map<String, Object> ice = negotiation();
                    long collisionsBefore = number(ice, "collisions");
                    long restart = System.nanoTime();
                    doctor.engine.restartIce();
                    page.script("window.carecall.restartIce();");
                    page.until(() -> {
                        Map<String, Object> now = negotiation();
                        return "stable".equals(now.get("signalingState"))
                                && !Objects.equals(now.get("localUfrag"), ice.get("localUfrag"))
                                && !Objects.equals(now.get("remoteUfrag"), ice.get("remoteUfrag"));
                    }, () -> "new ICE credentials on both sides: before " + brief(ice) + ", now " + negotiation());
                    awaitConnected(doctor);
                    long reconnect = (System.nanoTime() - restart) / 1_000_000;
                    media = awaitMedia(doctor, media, "media both ways after the ICE restart");
                    figures.passed(round, reconnect, number(negotiation(), "collisions") - collisionsBefore,
                            roundStart, "restart");
                } catch (AssertionError | RuntimeException e) {
                    figures.failed(round, e);
                    doctor = startAgain(doctor, id);
                    media = Media.NONE;
                }
            }
            if (doctor != null) {
                // All the restarts were one call: it ends as one session.
                end(doctor, id, sessionsBefore);
            }
        } finally {
            if (doctor != null) {
                doctor.close();
            }
        }
        figures.print();
        assertEquals(List.of(), figures.failures, "every restart reconnects with media both ways in one session");
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

    /** After a failed round: the call ended on the server, the engine closed; the next round starts afresh. */
    private DoctorSide startAgain(DoctorSide doctor, long id) {
        backend.doctorRest().endCall(id);
        if (doctor != null) {
            doctor.close();
        }
        return null;
    }

    /**
     * One call of the appointment, both sides offering the moment they join, started by the patient (from the
     * pre-call view or the ended notice's "Start the call again") or by the doctor. Returns the milliseconds from the
     * join until both sides said connected.
     */
    private long join(DoctorSide doctor, boolean patientStarts) {
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
        return (System.nanoTime() - joined) / 1_000_000;
    }

    /** The doctor ends the call: both sides say so, and the appointment has exactly one session more, ended. */
    private void end(DoctorSide doctor, long id, int sessionsBefore) {
        doctor.engine.endCall();
        page.until(() -> "notice".equals(page.state().get("phase")), () -> "the ended notice");
        doctor.awaitPhase(CallPhase.ENDED);
        List<CallSessionView> sessions = backend.doctorRest().callHistory(id);
        assertEquals(sessionsBefore + 1, sessions.size(), "one session more: " + sessions);
        assertEquals(CallStatus.ENDED, sessions.getFirst().status());
    }

    private void awaitConnected(DoctorSide doctor) {
        page.until(() -> "connected".equals(page.state().get("media")), () -> "the page's media to connect (engine "
                + doctor.phase() + "); " + negotiation());
        doctor.await(() -> doctor.phase() == CallPhase.CONNECTED, "the engine to connect; the page's "
                + brief(negotiation()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> negotiation() {
        Object n = page.script("return window.carecall.negotiation();");
        return n == null ? Map.of("collisions", 0L) : (Map<String, Object>) n;
    }

    /** The negotiation without its trail, for a one-line report. */
    private static Map<String, Object> brief(Map<String, Object> negotiation) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(negotiation);
        copy.remove("trail");
        return copy;
    }

    /** Both sides' media counters, taken once they have all grown by a few frames and packets since {@code from}. */
    private record Media(Map<String, Object> page, CallStatistics engine) {
        static final Media NONE = new Media(Map.of(), null);

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
        }, () -> what + ": page statistics " + page.stats() + " (before " + from.page + "); engine "
                + doctor.statistics() + "; the page's ICE " + page.script("return window.carecall.iceStats();")
                + "; " + negotiation());
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

    /**
     * Whether a counter grew by {@code by} since {@code from}. Firefox now and then starts its receivers' counters
     * afresh at an ICE restart (2 of 50 rounds: audio and video packets below the figures before, with frames
     * decoded and its transport connected); a counter below where it was counts from zero.
     */
    private static boolean grown(Map<String, Object> now, Media from, String key, long by) {
        long before = from.at(key);
        long current = number(now, key);
        return current >= (current < before ? 0 : before) + by;
    }

    /** What the rounds of one test measured, printed at its end. */
    private final class Figures {
        private final String what;
        private final long started = System.nanoTime();
        private final List<Long> connectMillis = new ArrayList<>();
        private final List<Long> roundMillis = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private int collided;

        Figures(String what) {
            this.what = what;
        }

        void passed(int round, long connect, long collisions, long roundStart, String how) {
            long took = (System.nanoTime() - roundStart) / 1_000_000;
            connectMillis.add(connect);
            roundMillis.add(took);
            collided += collisions > 0 ? 1 : 0;
            System.out.printf("[%s] glare, %s, round %d (%s): connected in %d ms, round %d ms, offers collided at "
                    + "the page %d times%n", page, what, round, how, connect, took, collisions);
        }

        void failed(int round, Throwable e) {
            String first = Objects.toString(e.getMessage(), e.toString()).lines().findFirst().orElse("");
            failures.add("round " + round + ": " + first);
            System.out.println("[" + page + "] glare, " + what + ", round " + round + " failed: " + e.getMessage());
        }

        void print() {
            System.out.printf("[%s] glare, %s: %d rounds in %.0f s, %d failed; median connect %d ms, median round %d"
                            + " ms; offers collided at the page in %d rounds%n", page, what, ROUNDS,
                    (System.nanoTime() - started) / 1e9, failures.size(), median(connectMillis),
                    median(roundMillis), collided);
        }
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
