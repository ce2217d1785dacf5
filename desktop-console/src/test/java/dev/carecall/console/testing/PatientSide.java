package dev.carecall.console.testing;

import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.ChatLine;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The patient in a window test: a real patient-role call engine with a synthetic camera and headless audio, and a
 * record of what it was told, so tests can wait for what the patient would see.
 */
public final class PatientSide implements AutoCloseable {
    private final CallEngine engine;
    private final List<CallPhase> phases = new CopyOnWriteArrayList<>();
    private final List<ChatLine> chat = new CopyOnWriteArrayList<>();
    private volatile Boolean doctorAudio;
    private volatile Boolean doctorVideo;
    private volatile Boolean doctorSharing;

    public PatientSide(URI webSocketBaseUri, long appointmentId, String patientToken) {
        engine = WebRtcCallEngine.create(new CallSettings(webSocketBaseUri, appointmentId, patientToken,
                Role.PATIENT, MediaSettings.synthetic()));
        engine.addListener(new CallListener() {
            @Override
            public void phaseChanged(CallPhase phase) {
                phases.add(phase);
            }

            @Override
            public void remoteMediaChanged(boolean audio, boolean video) {
                doctorAudio = audio;
                doctorVideo = video;
            }

            @Override
            public void remoteScreenShareChanged(boolean active) {
                doctorSharing = active;
            }

            @Override
            public void chatReceived(ChatLine line) {
                chat.add(line);
            }
        });
        engine.connect();
    }

    public CallEngine engine() {
        return engine;
    }

    /** The latest phase, or null before the first. */
    public CallPhase phase() {
        return phases.isEmpty() ? null : phases.getLast();
    }

    public boolean saw(CallPhase phase) {
        return phases.contains(phase);
    }

    /** What the doctor's microphone state is, as the patient was told; null before any news. */
    public Boolean doctorAudio() {
        return doctorAudio;
    }

    public Boolean doctorVideo() {
        return doctorVideo;
    }

    /** Whether the doctor shares the screen, as the patient was told; null before any news. */
    public Boolean doctorSharing() {
        return doctorSharing;
    }

    public boolean received(String text) {
        return chat.stream().anyMatch(line -> !line.mine() && line.text().equals(text));
    }

    /** Waits for a condition on the patient's side (not on the FX thread: nothing of the window is read). */
    public static void await(String what, long seconds, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        engine.close();
    }
}
