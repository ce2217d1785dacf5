package dev.carecall.e2e;

import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.console.call.ChatLine;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.protocol.Role;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The doctor's side of a test call: the console's real call engine (webrtc-java) with a synthetic camera and
 * headless audio, and what its listener has heard so far.
 */
final class DoctorSide implements AutoCloseable, CallListener {
    private static final Duration WAIT = Duration.ofSeconds(20);

    final CallEngine engine;
    private volatile CallPhase phase = CallPhase.CONNECTING;
    private volatile boolean remoteAudio = true;
    private volatile boolean remoteVideo = true;
    private volatile CallProblem lastProblem;
    private volatile SignalingState signaling = SignalingState.CONNECTING;
    private volatile boolean patientPresent;
    private final List<CallPhase> phases = new CopyOnWriteArrayList<>();
    private final List<String> chat = new CopyOnWriteArrayList<>();

    DoctorSide(URI webSocketBaseUri, long appointmentId, String doctorToken) {
        this(new CallSettings(webSocketBaseUri, appointmentId, doctorToken, Role.DOCTOR, MediaSettings.synthetic()));
    }

    /** The engine with these settings (a clinic CA's trust, relays only...). */
    DoctorSide(CallSettings settings) {
        engine = WebRtcCallEngine.create(settings);
        engine.addListener(this);
        engine.connect();
    }

    @Override
    public void phaseChanged(CallPhase phase) {
        this.phase = phase;
        phases.add(phase);
    }

    @Override
    public void peerPresenceChanged(boolean connected) {
        patientPresent = connected;
    }

    /** Whether the patient's socket is in the room, as the server last said. */
    boolean patientPresent() {
        return patientPresent;
    }

    /** Every phase the engine reported, in order. */
    List<CallPhase> phases() {
        return phases;
    }

    @Override
    public void signalingStateChanged(SignalingState state) {
        signaling = state;
    }

    /** The room socket's state as last reported. */
    SignalingState signaling() {
        return signaling;
    }

    @Override
    public void remoteMediaChanged(boolean audio, boolean video) {
        remoteAudio = audio;
        remoteVideo = video;
    }

    @Override
    public void chatReceived(ChatLine line) {
        chat.add(line.from().wireName() + ": " + line.text());
    }

    /** Chat lines as "role: text", in the order they arrived. */
    List<String> chat() {
        return chat;
    }

    @Override
    public void problem(CallProblem problem) {
        lastProblem = problem;
    }

    /** The last problem the engine reported, or null. */
    CallProblem lastProblem() {
        return lastProblem;
    }

    CallPhase phase() {
        return phase;
    }

    boolean patientAudio() {
        return remoteAudio;
    }

    boolean patientVideo() {
        return remoteVideo;
    }

    CallStatistics statistics() {
        try {
            return engine.statistics().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the engine gave no statistics", e);
        }
    }

    void awaitPhase(CallPhase expected) {
        await(() -> phase == expected, "doctor phase " + expected);
    }

    /** Polls the engine's statistics until they satisfy the condition; returns those figures. */
    CallStatistics awaitStatistics(Predicate<CallStatistics> condition, String what) {
        return Awaitility.await("doctor side sees " + what).atMost(WAIT).until(this::statistics, condition);
    }

    void await(BooleanSupplier condition, String what) {
        try {
            Awaitility.await(what).atMost(WAIT).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + " (doctor phase " + phase
                    + ", last problem " + lastProblem + ")", e);
        }
    }

    /** Makes the engine offer as soon as it joins, as the page may: both offers cross (glare). */
    void offerOnJoin() {
        ((WebRtcCallEngine) engine).offerOnJoin();
    }

    @Override
    public void close() {
        engine.close();
    }
}
