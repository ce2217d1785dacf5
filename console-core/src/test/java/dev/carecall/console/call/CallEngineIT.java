package dev.carecall.console.call;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.media.MediaDevices;
import dev.carecall.console.media.MediaProblem;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.console.media.VideoFeed;
import dev.carecall.console.media.VideoImage;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.console.signaling.TcpRelay;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines (doctor and patient, test picture, headless audio) calling each other through the real backend,
 * started in-process on a random port. Everything asserted is measured: frame counters of the video feeds,
 * WebRTC statistics, pixels of the received picture, and what the other side's listener was told.
 */
class CallEngineIT {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    private static final Duration SIGNAL = Duration.ofSeconds(10);
    private static CareCallServer server;

    private final List<CallEngine> engines = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = CareCallServer.startForTests();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(CallEngine::close);
    }

    @ParameterizedTest(name = "{0} starts the call")
    @EnumSource(Role.class)
    void mediaMuteChatAndHangUpWorkBothWays(Role starter) throws Exception {
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        Party first = starter == Role.DOCTOR ? doctor : patient;
        Party second = starter == Role.DOCTOR ? patient : doctor;

        first.engine.startCall();
        await("the starter waits for the other party").atMost(SIGNAL)
                .until(() -> first.events.phase() == CallPhase.WAITING_FOR_PEER);
        await("the other party is offered Join").atMost(SIGNAL)
                .until(() -> second.events.phase() == CallPhase.INCOMING);
        second.engine.joinCall();
        await("both connected").atMost(MEDIA).until(() -> doctor.events.phase() == CallPhase.CONNECTED
                && patient.events.phase() == CallPhase.CONNECTED);
        await("video frames on both sides").atMost(MEDIA).until(() -> doctor.engine.remoteVideo().framesReceived() > 30
                && patient.engine.remoteVideo().framesReceived() > 30);
        await("audio packets on both sides").atMost(MEDIA).until(() -> doctor.stats().audioPacketsReceived() > 50
                && patient.stats().audioPacketsReceived() > 50);
        CallStatistics atDoctor = doctor.stats();
        CallStatistics atPatient = patient.stats();
        System.out.printf("%s starts: doctor  %s, frames shown %d%n", starter, atDoctor,
                doctor.engine.remoteVideo().framesReceived());
        System.out.printf("%s starts: patient %s, frames shown %d%n", starter, atPatient,
                patient.engine.remoteVideo().framesReceived());
        assertTrue(atDoctor.videoFramesDecoded() > 30 && atPatient.videoFramesDecoded() > 30, "frames decoded");
        assertTrue(atDoctor.videoFramesSent() > 30 && atPatient.videoFramesSent() > 30, "frames sent");
        assertTrue(atDoctor.audioBytesReceived() > 0 && atPatient.audioBytesReceived() > 0, "audio bytes");
        assertTestPicture(doctor.engine.remoteVideo());
        assertTestPicture(patient.engine.localVideo());

        // Live quality: each side measures both directions and has the other side's report, through the server.
        await("both sides' quality with the other's report").atMost(MEDIA).until(() -> measured(doctor.events.quality)
                && measured(patient.events.quality));
        System.out.printf("%s starts: quality at the doctor %s, at the patient %s%n", starter,
                doctor.events.quality, patient.events.quality);

        doctor.engine.setMicrophoneEnabled(false);
        await("the patient sees the doctor muted").atMost(SIGNAL)
                .until(() -> patient.events.lastRemoteMedia().equals("audio off, video on"));
        patient.engine.setCameraEnabled(false);
        await("the doctor sees the patient's camera off").atMost(SIGNAL)
                .until(() -> doctor.events.lastRemoteMedia().equals("audio on, video off"));

        doctor.engine.sendChat("Good morning, how are you feeling?");
        patient.engine.sendChat("Much better, thank you.");
        await("both lines on both sides").atMost(SIGNAL)
                .until(() -> doctor.events.chat.size() == 2 && patient.events.chat.size() == 2);
        ChatLine atPatientFirst = patient.events.chat.stream().filter(l -> l.from() == Role.DOCTOR).findFirst()
                .orElseThrow();
        assertEquals("Good morning, how are you feeling?", atPatientFirst.text());
        assertTrue(!atPatientFirst.mine() && doctor.events.chat.stream().anyMatch(l -> l.mine()
                && l.text().equals("Good morning, how are you feeling?")), "own line confirmed as mine");

        second.engine.endCall();
        await("both ended").atMost(SIGNAL).until(() -> doctor.events.phase() == CallPhase.ENDED
                && patient.events.phase() == CallPhase.ENDED);
        assertTrue(first.events.problems.contains(new CallProblem.EndedByOtherParty(starter.other())),
                "the starter is told the other party hung up: " + first.events.problems);
    }

    @Test
    void mediaKeepsFlowingWhileSignalingReconnects() throws Exception {
        long appointment = newAppointment();
        try (TcpRelay relay = new TcpRelay(server.webSocketBaseUri())) {
            Party doctor = party(Role.DOCTOR, appointment, relay.uri("ws"));
            Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
            doctorStartsAndPatientJoins(doctor, patient);
            await("video flowing").atMost(MEDIA).until(() -> doctor.engine.remoteVideo().framesReceived() > 20);
            patient.engine.sendChat("Before the drop.");
            await("the line before the drop").atMost(SIGNAL).until(() -> doctor.events.chat.size() == 1);

            relay.cutAll();
            await("the doctor's socket noticed the drop").atMost(SIGNAL)
                    .until(() -> doctor.events.signaling.contains(SignalingState.RECONNECTING));
            long framesWhileDown = doctor.engine.remoteVideo().framesReceived();
            await("frames keep arriving while signaling is down").atMost(MEDIA)
                    .until(() -> doctor.engine.remoteVideo().framesReceived() > framesWhileDown + 15);
            await("reconnected and registered again").atMost(Duration.ofSeconds(15))
                    .until(() -> doctor.events.signaling.getLast() == SignalingState.CONNECTED);
            long framesAfter = doctor.engine.remoteVideo().framesReceived();
            System.out.printf("signaling drop: %d frames before the cut, %d after reconnect, phases %s%n",
                    framesWhileDown, framesAfter, doctor.events.phases);
            assertEquals(CallPhase.CONNECTED, doctor.events.phase(), "the call itself never left CONNECTED");

            doctor.engine.sendChat("Can you still read me?");
            await("signaling works again after the reconnect").atMost(SIGNAL).until(() -> patient.events.chat.stream()
                    .anyMatch(l -> l.text().equals("Can you still read me?")));
            await("media still flows").atMost(MEDIA)
                    .until(() -> doctor.engine.remoteVideo().framesReceived() > framesAfter + 15);
            await("the doctor's own line after the reconnect").atMost(SIGNAL).until(() -> doctor.events.chat.stream()
                    .anyMatch(l -> l.text().equals("Can you still read me?")));
            assertEquals(List.of("Before the drop.", "Can you still read me?"),
                    doctor.events.chat.stream().map(ChatLine::text).toList(),
                    "the transcript sent after the reconnect repeats no line");
        }
    }

    @Test
    void aPatientWhoReloadsJoinsTheRunningCallAgain() throws Exception {
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        await("video at the doctor").atMost(MEDIA).until(() -> doctor.engine.remoteVideo().framesReceived() > 20);
        patient.engine.sendChat("Is my camera all right?");
        // The doctor answers what they read: two sockets give the server no order between lines sent at once.
        await("the question at the doctor").atMost(SIGNAL).until(() -> doctor.events.chat.size() == 1);
        doctor.engine.sendChat("Yes, I see you well.");
        await("both lines at the doctor").atMost(SIGNAL).until(() -> doctor.events.chat.size() == 2);

        patient.engine.close(); // a reload: the page goes away without hanging up
        await("the doctor sees the patient leave").atMost(SIGNAL).until(() -> doctor.events.presence.contains(false));
        Party reloaded = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        assertEquals(CallPhase.INCOMING, reloaded.events.phase(), "the running call is offered to join");
        await("the chat so far, back after the reload").atMost(SIGNAL).until(() -> reloaded.events.chat.size() == 2);
        assertEquals(List.of("Is my camera all right?", "Yes, I see you well."),
                reloaded.events.chat.stream().map(ChatLine::text).toList());
        assertTrue(reloaded.events.chat.getFirst().mine(), "the patient's own line is still theirs");
        long before = doctor.engine.remoteVideo().framesReceived();
        reloaded.engine.joinCall();
        await("media flows again both ways").atMost(MEDIA)
                .until(() -> doctor.engine.remoteVideo().framesReceived() > before + 30
                && reloaded.engine.remoteVideo().framesReceived() > 30);
        System.out.printf("rejoin: doctor phases %s%n", doctor.events.phases);
        assertEquals(CallPhase.CONNECTED, doctor.events.phase());
        assertTrue(doctor.events.problems.isEmpty(), "no problem for a reload: " + doctor.events.problems);
    }

    @Test
    void lostMediaIsRestartedAndWaitsForAnAbsentPatientInsteadOfFailing() throws Exception {
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        await("video at the doctor").atMost(MEDIA).until(() -> doctor.engine.remoteVideo().framesReceived() > 20);

        patient.engine.close(); // the patient's computer is gone: no hang-up, no more packets
        await("the doctor's side notices the media is lost and restarts ICE").atMost(MEDIA)
                .until(() -> doctor.events.phase() == CallPhase.RECONNECTING_MEDIA);
        await("after the restart deadline the doctor is told it waits for the patient").atMost(MEDIA)
                .until(() -> doctor.events.problems.contains(new CallProblem.OtherPartyAway(Role.PATIENT)));
        assertEquals(CallPhase.RECONNECTING_MEDIA, doctor.events.phase(), "no FAILED while the patient is away");

        Party back = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        back.engine.joinCall();
        await("connected again").atMost(MEDIA).until(() -> doctor.events.phase() == CallPhase.CONNECTED
                && back.engine.remoteVideo().framesReceived() > 20);
        System.out.printf("media loss: doctor phases %s%n", doctor.events.phases);
    }

    @Test
    void aComputerWithoutCameraAndMicrophoneStillCallsAndSaysWhatIsMissing() throws Exception {
        Assumptions.assumeTrue(MediaDevices.cameras().isEmpty() && MediaDevices.microphones().isEmpty(),
                "this machine has devices; the fallback is what is under test");
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri(), MediaSettings.defaults());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        await("connected").atMost(MEDIA).until(() -> doctor.events.phase() == CallPhase.CONNECTED);
        assertTestPicture(patient.engine.remoteVideo());
        await("the patient is told the doctor has no microphone").atMost(SIGNAL)
                .until(() -> patient.events.lastRemoteMedia().equals("audio off, video on"));
        List<CallProblem> problems = doctor.events.problems;
        System.out.println("no devices: the doctor is told " + problems);
        assertTrue(problems.contains(new CallProblem.Media(MediaProblem.NO_CAMERA, Role.PATIENT)), problems.toString());
        assertTrue(problems.contains(new CallProblem.Media(MediaProblem.NO_MICROPHONE, Role.PATIENT)),
                problems.toString());
    }

    @Test
    void screenShareReplacesTheCameraPictureWithoutRenegotiation() throws Exception {
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "screen capture needs an X display (Xvfb)");
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        assertTestPicture(patient.engine.remoteVideo());

        doctor.engine.setScreenShareEnabled(true);
        await("the doctor's engine reports sharing").atMost(SIGNAL)
                .until(() -> doctor.events.localScreen.equals(List.of(true)));
        await("the patient is told").atMost(SIGNAL).until(() -> patient.events.remoteScreen.equals(List.of(true)));
        VideoImage screen = awaitImage(patient.engine.remoteVideo(), image -> image.width() != 640);
        System.out.printf("screen share: the patient receives %dx%d frames of the doctor's screen%n",
                screen.width(), screen.height());
        awaitImage(doctor.engine.localVideo(), image -> image.width() != 640);

        doctor.engine.setScreenShareEnabled(false);
        await("the patient is told it stopped").atMost(SIGNAL)
                .until(() -> patient.events.remoteScreen.equals(List.of(true, false)));
        await("the doctor's engine reports it stopped").atMost(SIGNAL)
                .until(() -> doctor.events.localScreen.equals(List.of(true, false)));
        awaitImage(patient.engine.remoteVideo(), image -> image.width() == 640);
        assertEquals(CallPhase.CONNECTED, patient.events.phase());
        assertTrue(patient.events.phases.stream().filter(p -> p == CallPhase.NEGOTIATING).count() == 1,
                "no second negotiation: " + patient.events.phases);
    }

    @Test
    void screenShareOnADisplayThatDoesNotAnswerIsRefusedWithANotice() throws Exception {
        // DISPLAY naming an X server that is not there made webrtc's capturer crash the JVM.
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        await("connected").atMost(MEDIA).until(() -> doctor.events.phase() == CallPhase.CONNECTED);
        System.setProperty("carecall.screenShare.display", ":" + (50_000 + ProcessHandle.current().pid() % 9000));
        try {
            doctor.engine.setScreenShareEnabled(true);
            await("the doctor is told why").atMost(SIGNAL).until(() -> doctor.events.problems
                    .contains(new CallProblem.Media(MediaProblem.NO_SCREEN, Role.PATIENT)));
        } finally {
            System.clearProperty("carecall.screenShare.display");
        }
        assertEquals(List.of(false), doctor.events.localScreen, "the engine reports sharing did not start");
        assertTestPicture(patient.engine.remoteVideo());
        assertEquals(List.of(), patient.events.remoteScreen, "the patient is not told of a share that never began");
        assertEquals(CallPhase.CONNECTED, doctor.events.phase());
    }

    @Test
    void screenShareWithoutACallReportsItIsOff() throws Exception {
        Party doctor = party(Role.DOCTOR, newAppointment(), server.webSocketBaseUri());
        await("ready").atMost(SIGNAL).until(() -> doctor.events.phase() == CallPhase.READY);
        doctor.engine.setScreenShareEnabled(true);
        await("the request is answered").atMost(SIGNAL).until(() -> doctor.events.localScreen.equals(List.of(false)));
    }

    private static VideoImage awaitImage(VideoFeed feed, java.util.function.Predicate<VideoImage> wanted)
            throws Exception {
        VideoImage[] image = new VideoImage[1];
        await("the expected picture").atMost(MEDIA).until(() -> {
            VideoImage latest = feed.acquireLatest();
            if (latest != null && wanted.test(latest)) {
                image[0] = latest;
            }
            return image[0] != null;
        });
        return image[0];
    }

    /** The picture is the other side's test picture: the leftmost colour bar is light grey. */
    private static void assertTestPicture(VideoFeed feed) throws Exception {
        VideoImage[] image = new VideoImage[1];
        await("a frame to look at").atMost(MEDIA).until(() -> (image[0] = feed.acquireLatest()) != null);
        assertEquals(640, image[0].width());
        assertEquals(360, image[0].height());
        int offset = (20 * image[0].width() + 20) * 4;
        int b = image[0].bgra().get(offset) & 0xff;
        int g = image[0].bgra().get(offset + 1) & 0xff;
        int r = image[0].bgra().get(offset + 2) & 0xff;
        assertTrue(Math.abs(r - 192) < 30 && Math.abs(g - 192) < 30 && Math.abs(b - 192) < 30,
                "light grey expected at the top left, got r=" + r + " g=" + g + " b=" + b);
    }

    /** The doctor presses Start, the patient sees Join and presses it: the opening of most calls here. */
    private static void doctorStartsAndPatientJoins(Party doctor, Party patient) throws Exception {
        doctor.engine.startCall();
        await("patient offered Join").atMost(SIGNAL).until(() -> patient.events.phase() == CallPhase.INCOMING);
        patient.engine.joinCall();
    }

    private long newAppointment() {
        return server.createAppointment("demo-doctor", "Test Patient", Instant.now(), true);
    }

    private Party party(Role role, long appointment, URI webSockets) throws Exception {
        return party(role, appointment, webSockets, MediaSettings.synthetic());
    }

    private Party party(Role role, long appointment, URI webSockets, MediaSettings media) throws Exception {
        String token = role == Role.DOCTOR ? server.doctorToken("demo-doctor") : server.patientToken(appointment);
        CallEngine engine = WebRtcCallEngine.create(new CallSettings(webSockets, appointment, token, role, media));
        engines.add(engine);
        Recorder events = new Recorder();
        engine.addListener(events);
        engine.connect();
        await(role + " registered").atMost(SIGNAL).until(() -> events.phase() != CallPhase.CONNECTING);
        return new Party(engine, events);
    }

    /** Figures of both directions and a fresh report of the other side. */
    private static boolean measured(CallQuality q) {
        return q != null && q.theirs() != null && q.mine().sendResolution() != null
                && q.mine().receiveResolution() != null && q.mine().sendKbps() != null && q.mine().sendKbps() > 0
                && q.mine().receiveKbps() != null && q.mine().receiveKbps() > 0 && q.mine().rttMs() != null
                && q.mine().serverRttMs() != null && q.theirs().sendKbps() != null;
    }

    private record Party(CallEngine engine, Recorder events) {
        CallStatistics stats() throws Exception {
            return engine.statistics().get();
        }
    }
}
