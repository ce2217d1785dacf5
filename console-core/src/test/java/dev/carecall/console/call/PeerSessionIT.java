package dev.carecall.console.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.LocalMedia;
import dev.carecall.console.media.MediaSettings;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSignalingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static dev.carecall.console.call.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real webrtc-java peers in one process, their signals handed across directly (no server): negotiation per
 * Contract 4, including glare, where both sides offer at the same moment and perfect negotiation must sort it out.
 */
class PeerSessionIT {
    private final Side doctor = new Side("Doctor", false);
    private final Side patient = new Side("Patient", true);

    @AfterEach
    void close() throws Exception {
        doctor.close();
        patient.close();
    }

    @Test
    void starterOffersAndMediaFlowsBothWays() throws Exception {
        connect();
        until("video frames arrive on both sides", Duration.ofSeconds(20),
                () -> doctor.remote.framesReceived() > 20 && patient.remote.framesReceived() > 20);
        CallStatistics atDoctor = doctor.call(() -> doctor.peer.statistics()).get();
        CallStatistics atPatient = patient.call(() -> patient.peer.statistics()).get();
        System.out.printf("direct peers: doctor %s%n              patient %s%n", atDoctor, atPatient);
        assertTrue(atDoctor.videoFramesDecoded() > 0 && atPatient.videoFramesDecoded() > 0, "frames decoded");
        assertTrue(atDoctor.audioPacketsReceived() > 0 && atPatient.audioPacketsReceived() > 0, "audio packets");
    }

    /**
     * Both restart ICE in the same instant, so each has a local offer when the other's arrives: the impolite doctor
     * keeps its offer, the polite patient rolls back and answers. Negotiation must converge and the doctor's media
     * keep flowing. (webrtc-java 0.14.0 quiets the polite side's own video after a rollback; see PeerSession.)
     */
    @Test
    void glareIsResolvedByThePolitePatient() throws Exception {
        connect();
        until("first frames", Duration.ofSeconds(20), () -> patient.remote.framesReceived() > 10);
        doctor.run(() -> doctor.peer.offer(true));
        patient.run(() -> patient.peer.offer(true));
        until("both sides stable again", Duration.ofSeconds(20), () ->
                doctor.call(() -> doctor.peer.signalingState()) == RTCSignalingState.STABLE
                        && patient.call(() -> patient.peer.signalingState()) == RTCSignalingState.STABLE);
        CallStatistics doctorBefore = doctor.call(() -> doctor.peer.statistics()).get();
        CallStatistics patientBefore = patient.call(() -> patient.peer.statistics()).get();
        until("the doctor's video and both sides' audio keep flowing", Duration.ofSeconds(20), () -> {
            CallStatistics d = doctor.call(() -> doctor.peer.statistics()).get();
            CallStatistics p = patient.call(() -> patient.peer.statistics()).get();
            return p.videoFramesDecoded() > patientBefore.videoFramesDecoded() + 20
                    && d.audioPacketsReceived() > doctorBefore.audioPacketsReceived() + 50
                    && p.audioPacketsReceived() > patientBefore.audioPacketsReceived() + 50;
        });
        assertEquals(RTCPeerConnectionState.CONNECTED, doctor.call(() -> doctor.peer.state()));
        assertEquals(RTCPeerConnectionState.CONNECTED, patient.call(() -> patient.peer.state()));
    }

    private void connect() throws Exception {
        doctor.open(patient);
        patient.open(doctor);
        doctor.run(() -> doctor.peer.offer(false));
        until("both peers connected", Duration.ofSeconds(20), () -> doctor.connected.get() && patient.connected.get());
    }

    /** One peer with its own executor, media and remote feed. */
    private static final class Side implements PeerSession.Events {
        final String label;
        final boolean polite;
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        final FrameFeed remote = new FrameFeed("remote");
        final java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
        Side other;
        LocalMedia media;
        PeerSession peer;

        Side(String label, boolean polite) {
            this.label = label;
            this.polite = polite;
        }

        void open(Side peerSide) throws Exception {
            other = peerSide;
            call(() -> {
                media = LocalMedia.open(MediaSettings.synthetic(), label, text -> { });
                peer = new PeerSession(media, media.cameraTrack(), java.util.List.of(), polite, executor, this, remote);
                return null;
            });
        }

        @Override
        public void signal(ObjectNode payload) {
            other.run(() -> other.peer.receive(payload));
        }

        @Override
        public void connectionChanged(PeerSession session, RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.set(true);
            }
        }

        @Override
        public void remoteOfferApplied(PeerSession session) {
        }

        void run(Runnable task) {
            executor.execute(task);
        }

        <T> T call(Callable<T> task) throws Exception {
            return executor.submit(task).get();
        }

        void close() throws Exception {
            call(() -> {
                if (peer != null) {
                    peer.close();
                }
                if (media != null) {
                    media.close();
                }
                return null;
            });
            ((ExecutorService) executor).shutdown();
        }
    }
}
