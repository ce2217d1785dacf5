package dev.carecall.console.call;

import dev.carecall.console.media.VideoImage;
import dev.carecall.console.media.VideoFeed;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.backend.CareCallServer;
import dev.carecall.console.media.MediaDevices;
import dev.carecall.console.media.MediaSettings;
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

import static dev.carecall.console.call.Await.until;
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
        until("the starter waits for the other party", SIGNAL,
                () -> first.events.phase() == CallPhase.WAITING_FOR_PEER);
        until("the other party is offered Join", SIGNAL, () -> second.events.phase() == CallPhase.INCOMING);
        second.engine.joinCall();
        until("both connected", MEDIA, () -> doctor.events.phase() == CallPhase.CONNECTED
                && patient.events.phase() == CallPhase.CONNECTED);
        until("video frames on both sides", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > 30
                && patient.engine.remoteVideo().framesReceived() > 30);
        until("audio packets on both sides", MEDIA, () -> doctor.stats().audioPacketsReceived() > 50
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

        doctor.engine.setMicrophoneEnabled(false);
        until("the patient sees the doctor muted", SIGNAL,
                () -> patient.events.lastRemoteMedia().equals("audio off, video on"));
        patient.engine.setCameraEnabled(false);
        until("the doctor sees the patient's camera off", SIGNAL,
                () -> doctor.events.lastRemoteMedia().equals("audio on, video off"));

        doctor.engine.sendChat("Good morning, how are you feeling?");
        patient.engine.sendChat("Much better, thank you.");
        until("both lines on both sides", SIGNAL,
                () -> doctor.events.chat.size() == 2 && patient.events.chat.size() == 2);
        ChatLine atPatientFirst = patient.events.chat.stream().filter(l -> l.from() == Role.DOCTOR).findFirst()
                .orElseThrow();
        assertEquals("Good morning, how are you feeling?", atPatientFirst.text());
        assertTrue(!atPatientFirst.mine() && doctor.events.chat.stream().anyMatch(l -> l.mine()
                && l.text().equals("Good morning, how are you feeling?")), "own line confirmed as mine");

        second.engine.endCall();
        until("both ended", SIGNAL, () -> doctor.events.phase() == CallPhase.ENDED
                && patient.events.phase() == CallPhase.ENDED);
        assertTrue(first.events.notices.stream().anyMatch(n -> n.text().endsWith("ended the call.")),
                "the starter is told the other party hung up: " + first.events.notices);
    }

    @Test
    void mediaKeepsFlowingWhileSignalingReconnects() throws Exception {
        long appointment = newAppointment();
        try (TcpRelay relay = new TcpRelay(server.webSocketBaseUri())) {
            Party doctor = party(Role.DOCTOR, appointment, relay.uri("ws"));
            Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
            doctorStartsAndPatientJoins(doctor, patient);
            until("video flowing", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > 20);

            relay.cutAll();
            until("the doctor's socket noticed the drop", SIGNAL,
                    () -> doctor.events.signaling.contains(SignalingState.RECONNECTING));
            long framesWhileDown = doctor.engine.remoteVideo().framesReceived();
            until("frames keep arriving while signaling is down", MEDIA,
                    () -> doctor.engine.remoteVideo().framesReceived() > framesWhileDown + 15);
            until("reconnected and registered again", Duration.ofSeconds(15),
                    () -> doctor.events.signaling.getLast() == SignalingState.CONNECTED);
            long framesAfter = doctor.engine.remoteVideo().framesReceived();
            System.out.printf("signaling drop: %d frames before the cut, %d after reconnect, phases %s%n",
                    framesWhileDown, framesAfter, doctor.events.phases);
            assertEquals(CallPhase.CONNECTED, doctor.events.phase(), "the call itself never left CONNECTED");

            doctor.engine.sendChat("Can you still read me?");
            until("signaling works again after the reconnect", SIGNAL, () -> patient.events.chat.stream()
                    .anyMatch(l -> l.text().equals("Can you still read me?")));
            until("media still flows", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > framesAfter + 15);
        }
    }

    @Test
    void aPatientWhoReloadsJoinsTheRunningCallAgain() throws Exception {
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        until("video at the doctor", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > 20);

        patient.engine.close(); // a reload: the page goes away without hanging up
        until("the doctor sees the patient leave", SIGNAL, () -> doctor.events.presence.contains(false));
        Party reloaded = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        assertEquals(CallPhase.INCOMING, reloaded.events.phase(), "the running call is offered to join");
        long before = doctor.engine.remoteVideo().framesReceived();
        reloaded.engine.joinCall();
        until("media flows again both ways", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > before + 30
                && reloaded.engine.remoteVideo().framesReceived() > 30);
        System.out.printf("rejoin: doctor phases %s%n", doctor.events.phases);
        assertEquals(CallPhase.CONNECTED, doctor.events.phase());
        assertTrue(doctor.events.notices.isEmpty(), "no notice for a reload: " + doctor.events.notices);
    }

    @Test
    void lostMediaIsRestartedAndWaitsForAnAbsentPatientInsteadOfFailing() throws Exception {
        long appointment = newAppointment();
        Party doctor = party(Role.DOCTOR, appointment, server.webSocketBaseUri());
        Party patient = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        doctorStartsAndPatientJoins(doctor, patient);
        until("video at the doctor", MEDIA, () -> doctor.engine.remoteVideo().framesReceived() > 20);

        patient.engine.close(); // the patient's computer is gone: no hang-up, no more packets
        until("the doctor's side notices the media is lost and restarts ICE", MEDIA,
                () -> doctor.events.phase() == CallPhase.RECONNECTING_MEDIA);
        until("after the restart deadline the doctor is told it waits for the patient", MEDIA,
                () -> doctor.events.notices.stream().anyMatch(n -> n.text().contains("Waiting for them")));
        assertEquals(CallPhase.RECONNECTING_MEDIA, doctor.events.phase(), "no FAILED while the patient is away");

        Party back = party(Role.PATIENT, appointment, server.webSocketBaseUri());
        back.engine.joinCall();
        until("connected again", MEDIA, () -> doctor.events.phase() == CallPhase.CONNECTED
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
        until("connected", MEDIA, () -> doctor.events.phase() == CallPhase.CONNECTED);
        assertTestPicture(patient.engine.remoteVideo());
        until("the patient is told the doctor has no microphone", SIGNAL,
                () -> patient.events.lastRemoteMedia().equals("audio off, video on"));
        List<String> notices = doctor.events.notices.stream().map(UserNotice::text).toList();
        System.out.println("no devices: the doctor reads " + notices);
        assertTrue(notices.stream().anyMatch(t -> t.startsWith("No camera was found.")), notices.toString());
        assertTrue(notices.stream().anyMatch(t -> t.startsWith("No microphone was found")), notices.toString());
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
        until("the doctor's engine reports sharing", SIGNAL, () -> doctor.events.localScreen.equals(List.of(true)));
        until("the patient is told", SIGNAL, () -> patient.events.remoteScreen.equals(List.of(true)));
        VideoImage screen = awaitImage(patient.engine.remoteVideo(), image -> image.width() != 640);
        System.out.printf("screen share: the patient receives %dx%d frames of the doctor's screen%n",
                screen.width(), screen.height());
        awaitImage(doctor.engine.localVideo(), image -> image.width() != 640);

        doctor.engine.setScreenShareEnabled(false);
        until("the patient is told it stopped", SIGNAL, () -> patient.events.remoteScreen.equals(List.of(true, false)));
        until("the doctor's engine reports it stopped", SIGNAL,
                () -> doctor.events.localScreen.equals(List.of(true, false)));
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
        until("connected", MEDIA, () -> doctor.events.phase() == CallPhase.CONNECTED);
        System.setProperty("carecall.screenShare.display", ":" + (50_000 + ProcessHandle.current().pid() % 9000));
        try {
            doctor.engine.setScreenShareEnabled(true);
            until("the doctor reads why", SIGNAL, () -> doctor.events.notices.stream()
                    .anyMatch(n -> n.text().startsWith("Screen sharing is not available on this computer")));
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
        until("ready", SIGNAL, () -> doctor.events.phase() == CallPhase.READY);
        doctor.engine.setScreenShareEnabled(true);
        until("the request is answered", SIGNAL, () -> doctor.events.localScreen.equals(List.of(false)));
    }

    private static VideoImage awaitImage(VideoFeed feed, java.util.function.Predicate<VideoImage> wanted)
            throws Exception {
        VideoImage[] image = new VideoImage[1];
        until("the expected picture", MEDIA, () -> {
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
        until("a frame to look at", MEDIA, () -> (image[0] = feed.acquireLatest()) != null);
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
        until("patient offered Join", SIGNAL, () -> patient.events.phase() == CallPhase.INCOMING);
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
        until(role + " registered", SIGNAL, () -> events.phase() != CallPhase.CONNECTING);
        return new Party(engine, events);
    }

    private record Party(CallEngine engine, Recorder events) {
        CallStatistics stats() throws Exception {
            return engine.statistics().get();
        }
    }
}
