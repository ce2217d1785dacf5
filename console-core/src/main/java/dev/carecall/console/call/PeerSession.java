package dev.carecall.console.call;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.LocalMedia;
import dev.carecall.console.media.NativeRefs;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.SignalPayload;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@link RTCPeerConnection} and its negotiation: one audio and one video track added with
 * {@code addTrack} (so the joiner's tracks attach to the offer's m-lines instead of asking for a renegotiation),
 * perfect negotiation with the doctor impolite and the patient polite, remote candidates queued until the remote
 * description is set, and ICE restarts on demand.
 *
 * <p>Confined to the call's executor. Native callbacks only hand events to it, and every negotiation step runs
 * in one operations chain, so an offer, an answer and the candidates around them are applied strictly in order even
 * though each webrtc step completes asynchronously on a native thread.
 */
final class PeerSession {
    private static final Logger LOG = Logger.getLogger(PeerSession.class.getName());
    private static final List<String> STREAM = List.of("carecall");

    /** What the session reports to the engine, always on the executor. */
    interface Events {
        void signal(SignalPayload payload);

        void connectionChanged(PeerSession session, RTCPeerConnectionState state);

        /**
         * Candidate gathering ended without a single local candidate: no path can ever connect (the TURN server
         * refused the credential or cannot be reached, with relays only or no network at all).
         */
        void unreachable(PeerSession session);
    }

    private final Executor executor;
    private final boolean polite;
    private final Events events;
    private final FrameFeed remoteFeed;
    private final RTCPeerConnection pc;
    private final RTCRtpSender audioSender;
    private final RTCRtpSender videoSender;
    private final List<SignalPayloads.Candidate> pendingCandidates = new ArrayList<>();
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    private VideoTrack remoteVideo;
    private VideoTrack outgoingVideo;
    private boolean ignoreOffer;
    /** An offer was asked for while ours waited for its answer: made once the answer is in. */
    private boolean offerWhenStable;
    private boolean restartWhenStable;
    /** Our candidates, held back while they would arrive too early. */
    private final OutgoingCandidates outgoing;
    /** Offers received from the other party so far. */
    private int remoteOffers;
    private boolean closed;
    private RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    /** Local candidates gathered over the connection's life (every ICE generation). */
    private int localCandidates;

    PeerSession(LocalMedia media, VideoTrack outgoingVideo, List<IceServer> iceServers, boolean relayOnly,
                boolean polite, Executor executor, Events events, FrameFeed remoteFeed) {
        this.executor = executor;
        this.polite = polite;
        this.events = events;
        this.remoteFeed = remoteFeed;
        this.outgoing = new OutgoingCandidates(payload -> {
            if (!closed) {
                events.signal(payload);
            }
        }, executor, this::localIceUfrag);
        this.pc = media.factory().createPeerConnection(PeerConnections.configuration(iceServers, relayOnly),
                new Observer());
        this.audioSender = pc.addTrack(media.audioTrack(), STREAM);
        this.videoSender = pc.addTrack(outgoingVideo, STREAM);
        this.outgoingVideo = outgoingVideo;
    }

    /**
     * Sends an offer (the starter's first one, or an ICE restart). While an offer of ours still waits for its answer,
     * the new one is made once the answer is in (an offer made then would not match the answer on its way).
     */
    void offer(boolean iceRestart) {
        enqueue("offer", () -> {
            if (pc.getSignalingState() != RTCSignalingState.STABLE) {
                offerWhenStable = true;
                restartWhenStable |= iceRestart;
                return CompletableFuture.completedFuture(null);
            }
            RTCOfferOptions options = new RTCOfferOptions();
            options.iceRestart = iceRestart;
            outgoing.describing();
            return PeerConnections.createOffer(pc, options)
                    .thenComposeAsync(this::setLocal, executor)
                    .thenRunAsync(() -> {
                        sendLocalDescription(iceRestart);
                        outgoing.described(iceRestart);
                    }, executor);
        });
    }

    /**
     * The other party is reachable again after an absence: an offer of ours that still waits for its answer was
     * sent while nobody could receive it (the server drops signals to an empty seat), so it goes again, with the
     * candidates gathered since (the local description carries them); otherwise a new ICE restart. Waiting for the
     * lost offer's answer before offering again would wait for ever.
     */
    void offerAgainAfterAbsence() {
        enqueue("offer again", () -> {
            if (pc.getSignalingState() == RTCSignalingState.HAVE_LOCAL_OFFER) {
                sendLocalDescription(outgoing.waitingForTheOtherSide());
                return CompletableFuture.completedFuture(null);
            }
            offer(true);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Applies a signal from the other party: an offer, an answer or a candidate. */
    void receive(SignalPayload signal) {
        switch (SignalPayloads.read(signal)) {
            case SignalPayloads.Description(RTCSessionDescription description) -> {
                if (description.sdpType == RTCSdpType.OFFER) {
                    remoteOffers++;
                }
                enqueue("apply " + description.sdpType, () -> applyDescription(description));
            }
            case SignalPayloads.Candidate candidate -> enqueue("add candidate", () -> {
                addCandidate(candidate);
                return CompletableFuture.completedFuture(null);
            });
            case SignalPayloads.Nothing() -> {
                // end of candidates, or nothing this side knows
            }
        }
    }

    /** Sends another video track (the screen, or the camera again) without renegotiation. */
    void replaceVideo(VideoTrack track) {
        if (!closed) {
            outgoingVideo = track;
            videoSender.replaceTrack(track);
        }
    }

    /** The signaling state (stable, have-local-offer, ...), for tests. */
    RTCSignalingState signalingState() {
        return pc.getSignalingState();
    }

    /** How many offers the other party has sent in this connection (an ICE restart of theirs is one). */
    int remoteOffers() {
        return remoteOffers;
    }

    /** The ICE user fragment of the local description, or null before there is one. */
    String localIceUfrag() {
        RTCSessionDescription local = pc.getLocalDescription();
        return local == null ? null : PeerConnections.iceUfrag(local);
    }

    /** The connection's state as last reported. */
    RTCPeerConnectionState state() {
        return state;
    }

    /** Media figures from the peer connection's statistics; completes on a native thread. */
    CompletableFuture<CallStatistics> statistics() {
        return closed ? CompletableFuture.completedFuture(StatsReader.EMPTY) : PeerConnections.statistics(pc);
    }

    /** The raw statistics report for the quality figures; completes on a native thread (empty once closed). */
    CompletableFuture<java.util.Collection<dev.onvoid.webrtc.RTCStats>> rawStatistics() {
        if (closed) {
            return CompletableFuture.completedFuture(java.util.List.of());
        }
        CompletableFuture<java.util.Collection<dev.onvoid.webrtc.RTCStats>> result = new CompletableFuture<>();
        pc.getStats(report -> result.complete(java.util.List.copyOf(report.getStats().values())));
        return result;
    }

    /**
     * Closes the connection and drops every native reference it holds (see {@link NativeRefs}): after this the
     * tracks it sent have no other owner than {@link LocalMedia}, which can dispose them.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (remoteVideo != null) {
            remoteVideo.removeSink(remoteFeed);
            remoteVideo = null;
        }
        long handle = NativeRefs.handle(pc);
        pc.close();
        NativeRefs.release(audioSender);
        NativeRefs.release(videoSender);
        NativeRefs.release(handle);
    }

    /**
     * What webrtc-java's own {@code close()} does, leaking the connection and the references it holds. Only for
     * NativeMemoryIT, which measures the cost of that leak to judge whether {@link #close()} avoids it.
     */
    void closeWithoutReleasing() {
        closed = true;
        if (remoteVideo != null) {
            remoteVideo.removeSink(remoteFeed);
        }
        pc.close();
    }

    private CompletableFuture<Void> applyDescription(RTCSessionDescription description) {
        LOG.fine(() -> "applying " + description.sdpType + " " + PeerConnections.iceUfrag(description) + " in "
                + pc.getSignalingState());
        boolean offer = description.sdpType == RTCSdpType.OFFER;
        boolean collision = offer && pc.getSignalingState() != RTCSignalingState.STABLE;
        ignoreOffer = !polite && collision;
        if (ignoreOffer) {
            LOG.info("offer collision: impolite side keeps its own offer");
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ready = collision
                ? setLocal(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""))
                : CompletableFuture.completedFuture(null);
        if (collision) {
            // Known limit of webrtc-java 0.14.0: after this rollback the polite side's video send stream and remote
            // sink go quiet (audio and decoding go on; re-setting the track aborts natively). Only the patient is
            // polite, and the console is always the doctor, so the console never rolls back.
            LOG.info("offer collision: polite side rolls back its own offer");
        }
        CompletableFuture<Void> applied = ready
                .thenComposeAsync(v -> PeerConnections.setRemote(pc, description), executor)
                .thenRunAsync(this::drainCandidates, executor);

        if (!offer) {
            return applied.thenRunAsync(() -> {
                outgoing.answerApplied(description);
                offerIfAsked();
            }, executor);
        }
        return applied
                .thenRunAsync(outgoing::describing, executor)
                .thenComposeAsync(v -> PeerConnections.createAnswer(pc), executor)
                .thenComposeAsync(this::setLocal, executor)
                .thenRunAsync(() -> {
                    sendLocalDescription(false);
                    outgoing.described(false);
                }, executor);
    }

    private void offerIfAsked() {
        if (offerWhenStable && pc.getSignalingState() == RTCSignalingState.STABLE) {
            boolean restart = restartWhenStable;
            offerWhenStable = false;
            restartWhenStable = false;
            offer(restart);
        }
    }

    private void addCandidate(SignalPayloads.Candidate candidate) {
        RTCSessionDescription remote = pc.getRemoteDescription();
        if (remote == null) {
            pendingCandidates.add(candidate);
            return;
        }
        String ufrag = candidate.usernameFragment();
        if (ufrag != null && !ufrag.equals(PeerConnections.iceUfrag(remote))) {
            // A candidate of an offer this side ignored (glare) or of an ICE generation gone since. Firefox does not
            // name its ufrag in the candidate line, so libwebrtc would take it for one of the current generation.
            LOG.fine(() -> "dropped a candidate of ICE user fragment " + ufrag);
            return;
        }
        try {
            LOG.fine(() -> "remote candidate " + candidate.candidate().sdp);
            pc.addIceCandidate(candidate.candidate());
            outgoing.remoteCandidateAdded();
        } catch (RuntimeException e) {
            if (!ignoreOffer) {
                LOG.log(Level.INFO, "cannot add a remote candidate", e);
            }
        }
    }

    private void drainCandidates() {
        List<SignalPayloads.Candidate> queued = List.copyOf(pendingCandidates);
        pendingCandidates.clear();
        queued.forEach(this::addCandidate);
    }

    /** Sends our current description; without its candidates while they must wait ({@link OutgoingCandidates}). */
    private void sendLocalDescription(boolean withoutCandidates) {
        RTCSessionDescription local = pc.getLocalDescription();
        LOG.fine(() -> local == null ? "no local description to send"
                : "sending " + local.sdpType + " " + PeerConnections.iceUfrag(local));
        if (local != null && !closed) {
            events.signal(SignalPayloads.description(
                    withoutCandidates ? OutgoingCandidates.withoutCandidates(local) : local));
        }
    }

    private CompletableFuture<Void> setLocal(RTCSessionDescription description) {
        return PeerConnections.setLocal(pc, description);
    }

    /** Runs negotiation steps one after another, like the browser's operations chain. */
    private void enqueue(String what, Supplier<CompletableFuture<Void>> step) {
        chain = chain
                .thenComposeAsync(v -> closed ? CompletableFuture.<Void>completedFuture(null) : step.get(), executor)
                .exceptionally(e -> {
                    outgoing.releaseAll();
                    if (!closed) {
                        LOG.log(Level.WARNING, "negotiation step failed: " + what, e);
                    }
                    return null;
                });
    }

    /** Hands a native callback to the executor; after the call is over (or the engine closed) it is dropped. */
    private void post(Runnable event) {
        try {
            executor.execute(() -> {
                if (!closed) {
                    event.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.FINE, "event after the call was closed", e);
        }
    }

    /** Native callbacks: no work here, only events handed to the call's executor. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            LOG.fine(() -> "local candidate " + candidate.sdp);
            post(() -> {
                localCandidates++;
                outgoing.gathered(candidate);
            });
        }

        @Override
        public void onSignalingChange(RTCSignalingState signaling) {
            LOG.fine(() -> "signaling " + signaling);
        }

        @Override
        public void onIceConnectionChange(RTCIceConnectionState ice) {
            LOG.fine(() -> "ICE " + ice);
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState gathering) {
            LOG.fine(() -> "gathering " + gathering);
            post(() -> {
                // Only the connection's whole life counts: libwebrtc has one gathering state for all ICE generations,
                // and an older generation that finishes (an answer made just before a new offer) makes it "complete"
                // before the newer one has given its candidates. Counted per round, that read as "gathered nothing".
                if (gathering == RTCIceGatheringState.COMPLETE && localCandidates == 0) {
                    events.unreachable(PeerSession.this);
                }
            });
        }

        @Override
        public void onIceCandidateError(RTCPeerConnectionIceErrorEvent error) {
            // E.g. 401 from a TURN server that refused the credential: what IT needs to read in the log.
            LOG.warning(() -> "ICE server " + error.getUrl() + " answered " + error.getErrorCode() + " "
                    + error.getErrorText());
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState next) {
            post(() -> {
                state = next;
                events.connectionChanged(PeerSession.this, next);
            });
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            // The wrapper is only valid during this callback (it holds no reference), so take the track now.
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track instanceof VideoTrack video) {
                post(() -> {
                    if (remoteVideo == null) {
                        remoteVideo = video;
                        video.addSink(remoteFeed);
                    }
                });
            }
        }
    }
}
