package dev.carecall.console.call;

import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSignalingState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real webrtc-java peers in one process, their signals handed across directly (no server): perfect negotiation
 * with the doctor impolite, including glare, where both sides offer at the same moment and the polite patient must
 * roll its own offer back.
 */
class PeerSessionIT {
    private DirectPeer doctor;
    private DirectPeer patient;

    @AfterEach
    void close() throws Exception {
        if (doctor != null) {
            doctor.close();
            patient.close();
        }
    }

    @Test
    void starterOffersAndMediaFlowsBothWays() throws Exception {
        connect();
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
        doctor.run(() -> doctor.peer.offer(true));
        patient.run(() -> patient.peer.offer(true));
        await("both sides stable again").atMost(Duration.ofSeconds(20)).until(() ->
                doctor.call(() -> doctor.peer.signalingState()) == RTCSignalingState.STABLE
                        && patient.call(() -> patient.peer.signalingState()) == RTCSignalingState.STABLE);
        CallStatistics doctorBefore = doctor.call(() -> doctor.peer.statistics()).get();
        CallStatistics patientBefore = patient.call(() -> patient.peer.statistics()).get();
        await("the doctor's video and both sides' audio keep flowing").atMost(Duration.ofSeconds(20)).until(() -> {
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
        List<DirectPeer> pair = DirectPeer.connectedPair();
        doctor = pair.get(0);
        patient = pair.get(1);
    }
}
