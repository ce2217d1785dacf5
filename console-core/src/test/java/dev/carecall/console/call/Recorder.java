package dev.carecall.console.call;

import dev.carecall.console.signaling.SignalingState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything an engine reported, for tests to wait on and assert about. */
final class Recorder implements CallListener {
    final List<CallPhase> phases = new CopyOnWriteArrayList<>();
    final List<SignalingState> signaling = new CopyOnWriteArrayList<>();
    final List<String> remoteMedia = new CopyOnWriteArrayList<>();
    final List<Boolean> remoteScreen = new CopyOnWriteArrayList<>();
    final List<Boolean> localScreen = new CopyOnWriteArrayList<>();
    final List<Boolean> presence = new CopyOnWriteArrayList<>();
    final List<ChatLine> chat = new CopyOnWriteArrayList<>();
    final List<CallProblem> problems = new CopyOnWriteArrayList<>();

    @Override
    public void phaseChanged(CallPhase phase) {
        phases.add(phase);
    }

    @Override
    public void signalingStateChanged(SignalingState state) {
        signaling.add(state);
    }

    @Override
    public void remoteMediaChanged(boolean audio, boolean video) {
        remoteMedia.add("audio " + (audio ? "on" : "off") + ", video " + (video ? "on" : "off"));
    }

    @Override
    public void remoteScreenShareChanged(boolean active) {
        remoteScreen.add(active);
    }

    @Override
    public void localScreenShareChanged(boolean active) {
        localScreen.add(active);
    }

    @Override
    public void peerPresenceChanged(boolean connected) {
        presence.add(connected);
    }

    @Override
    public void chatReceived(ChatLine line) {
        chat.add(line);
    }

    /** The last second of the call's quality, or null before the first. */
    volatile CallQuality quality;

    @Override
    public void qualityChanged(CallQuality quality) {
        this.quality = quality;
    }

    @Override
    public void problem(CallProblem problem) {
        problems.add(problem);
    }

    CallPhase phase() {
        return phases.isEmpty() ? CallPhase.CONNECTING : phases.getLast();
    }

    String lastRemoteMedia() {
        return remoteMedia.isEmpty() ? "" : remoteMedia.getLast();
    }
}
