package dev.carecall.console.call;

import dev.carecall.protocol.IceServer;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * webrtc-java's callback API as futures, and what a peer connection is made with. Each future completes on a
 * native thread: continue on the call's executor.
 */
final class PeerConnections {
    private PeerConnections() {
    }

    /** STUN/TURN servers, bundled media, and relays only when IT asked for them ({@code ice.relayOnly}). */
    static RTCConfiguration configuration(List<IceServer> iceServers, boolean relayOnly) {
        RTCConfiguration config = new RTCConfiguration();
        config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        config.iceTransportPolicy = relayOnly ? RTCIceTransportPolicy.RELAY : RTCIceTransportPolicy.ALL;
        for (IceServer server : iceServers) {
            RTCIceServer ice = new RTCIceServer();
            ice.urls = server.urls();
            ice.username = server.username();
            ice.password = server.credential();
            config.iceServers.add(ice);
        }
        return config;
    }

    static CompletableFuture<RTCSessionDescription> createOffer(RTCPeerConnection pc, RTCOfferOptions options) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        pc.createOffer(options, described(result));
        return result;
    }

    static CompletableFuture<RTCSessionDescription> createAnswer(RTCPeerConnection pc) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        pc.createAnswer(new RTCAnswerOptions(), described(result));
        return result;
    }

    static CompletableFuture<Void> setLocal(RTCPeerConnection pc, RTCSessionDescription description) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        pc.setLocalDescription(description, done(result));
        return result;
    }

    static CompletableFuture<Void> setRemote(RTCPeerConnection pc, RTCSessionDescription description) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        pc.setRemoteDescription(description, done(result));
        return result;
    }

    /** Media figures from the connection's statistics. */
    static CompletableFuture<CallStatistics> statistics(RTCPeerConnection pc) {
        CompletableFuture<CallStatistics> result = new CompletableFuture<>();
        pc.getStats(report -> {
            try {
                result.complete(StatsReader.read(report.getStats().values()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The ICE user fragment a description names, or null. */
    static String iceUfrag(RTCSessionDescription description) {
        return description.sdp.lines().filter(l -> l.startsWith("a=ice-ufrag:"))
                .map(l -> l.substring("a=ice-ufrag:".length()).strip()).findFirst().orElse(null);
    }

    private static CreateSessionDescriptionObserver described(CompletableFuture<RTCSessionDescription> result) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver done(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
