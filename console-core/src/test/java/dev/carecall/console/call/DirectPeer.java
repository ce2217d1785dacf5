package dev.carecall.console.call;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.LocalMedia;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.SignalPayload;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/** One of two real peers in this process whose signals are handed across directly (no server). */
final class DirectPeer implements PeerSession.Events {
    final boolean polite;
    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final FrameFeed remote = new FrameFeed("remote");
    final AtomicBoolean connected = new AtomicBoolean();
    DirectPeer other;
    LocalMedia media;
    PeerSession peer;

    private DirectPeer(boolean polite) {
        this.polite = polite;
    }

    /** A doctor (impolite) and a patient (polite), connected, with video arriving on both sides. */
    static List<DirectPeer> connectedPair() throws Exception {
        DirectPeer doctor = new DirectPeer(false);
        DirectPeer patient = new DirectPeer(true);
        doctor.open("Doctor", patient);
        patient.open("Patient", doctor);
        doctor.run(() -> doctor.peer.offer(false));
        await("both peers connected").atMost(Duration.ofSeconds(20))
                .until(() -> doctor.connected.get() && patient.connected.get());
        await("video on both sides").atMost(Duration.ofSeconds(20))
                .until(() -> doctor.remote.framesReceived() > 10 && patient.remote.framesReceived() > 10);
        return List.of(doctor, patient);
    }

    private void open(String label, DirectPeer peerSide) throws Exception {
        other = peerSide;
        call(() -> {
            media = LocalMedia.open(MediaSettings.synthetic(), label, problem -> { });
            peer = new PeerSession(media, media.cameraTrack(), List.of(), false, polite, executor, this, remote);
            return null;
        });
    }

    @Override
    public void signal(SignalPayload payload) {
        other.run(() -> other.peer.receive(payload));
    }

    @Override
    public void connectionChanged(PeerSession session, RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.CONNECTED) {
            connected.set(true);
        }
    }

    @Override
    public void unreachable(PeerSession session) {
        // host candidates on this machine: not expected; PeerSessionIT would time out waiting for CONNECTED
    }

    void run(Runnable task) {
        executor.execute(task);
    }

    <T> T call(Callable<T> task) throws Exception {
        return executor.submit(task).get();
    }

    /** The engine's cleanup: peer connection released, then tracks, sources, audio module, factory. */
    void close() throws Exception {
        call(() -> {
            peer.close();
            media.close();
            return null;
        });
        shutdown();
    }

    /** Only what webrtc-java's API offers: close the connection, dispose what has a dispose(). Leaks. */
    void closeAsTheLibraryDoes() throws Exception {
        call(() -> {
            peer.closeWithoutReleasing();
            media.close();
            return null;
        });
        shutdown();
    }

    private void shutdown() throws InterruptedException {
        ((ExecutorService) executor).shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
