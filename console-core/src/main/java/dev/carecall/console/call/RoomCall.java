package dev.carecall.console.call;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.RoomMessage;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.rest.ChatLineView;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls of one appointment's room as this side lives them: what the room's messages and the user's commands do
 * to the phase, this side's media and the peer connection. Confined to the engine's executor; {@link WebRtcCallEngine}
 * posts every command and message here.
 */
final class RoomCall {
    private static final Logger LOG = Logger.getLogger(RoomCall.class.getName());

    private final Role role;
    private final ScheduledExecutorService executor;
    private final SignalingClient<RoomMessage> signaling;
    private final CallReports reports;
    private final FrameFeed remoteFeed;
    private final OwnMedia own;
    private final MediaRecovery recovery;
    private final QualityWatch quality;
    /** The chat lines told to the listener (confined to the call's executor). */
    private final Set<ChatLine> chatShown = new HashSet<>();

    private List<IceServer> iceServers = List.of();
    private Long sessionId;
    private Role startedBy;
    private boolean joining;
    private PeerSession peer;
    private boolean peerPresent;
    private boolean closed;
    /** Offer on joining even as the joiner: only the glare tests set it. */
    private boolean offerOnJoin;
    /** TURN relays only: IT's diagnosis switch and the relay tests. */
    private final boolean relayOnly;

    RoomCall(Role role, ScheduledExecutorService executor, SignalingClient<RoomMessage> signaling, CallReports reports,
             FrameFeed remoteFeed, OwnMedia own, boolean relayOnly) {
        this.role = role;
        this.relayOnly = relayOnly;
        this.executor = executor;
        this.signaling = signaling;
        this.reports = reports;
        this.remoteFeed = remoteFeed;
        this.own = own;
        this.recovery = new MediaRecovery(role, executor, reports, new Hooks());
        this.quality = new QualityWatch(executor, signaling, reports, () -> peer);
    }

    // ---- the user's commands ----

    /** Start or join: the server answers with {@code activeCall} or {@code joinerConnected}. */
    void begin(ClientMessage request) {
        if (closed || own.isOpen()) {
            return;
        }
        if (!signaling.send(request)) {
            reports.problem(new CallProblem.NotConnected());
            return;
        }
        joining = true;
    }

    void end() {
        if (!inCall()) {
            return;
        }
        signaling.send(new ClientMessage.EndCall());
        endLocally(CallPhase.ENDED);
    }

    /** An ICE restart on the user's (or a test's) request; a no-op outside a call. */
    void restartIce() {
        recovery.restartOnRequest();
    }

    String iceUfrag() {
        return peer == null ? null : peer.localIceUfrag();
    }

    void offerOnJoin() {
        offerOnJoin = true;
    }

    void setMicrophone(boolean enabled) {
        own.setMicrophone(enabled);
        if (own.isOpen()) {
            sendMediaState();
        }
    }

    void setCamera(boolean enabled) {
        own.setCamera(enabled);
        if (own.isOpen()) {
            sendMediaState();
        }
    }

    void setScreenShare(boolean enabled) {
        VideoTrack outgoing = own.switchScreen(enabled);
        if (outgoing == null) {
            // Nothing changed (no call, already so, or capture did not start and LocalMedia said why): say what is
            // true, so a button that flipped on the request flips back.
            reportScreenShare();
            return;
        }
        if (peer != null) {
            peer.replaceVideo(outgoing);
        }
        own.screenReleased();
        // Reported before the other side is told, so a UI is never behind what the other side shows.
        reportScreenShare();
        signaling.send(new ClientMessage.ScreenShare(enabled));
    }

    void sendChat(ClientMessage.Chat line) {
        if (!signaling.send(line)) {
            reports.problem(new CallProblem.ChatNotSent());
        }
    }

    /** The peer connection's media figures; empty figures outside a call. Completes on a native thread. */
    CompletableFuture<CallStatistics> statistics() {
        return peer == null ? CompletableFuture.completedFuture(StatsReader.EMPTY) : peer.statistics();
    }

    /** The engine closes: free everything native; nothing starts again. */
    void close() {
        endLocally(reports.phase() == CallPhase.FAILED ? CallPhase.FAILED : CallPhase.ENDED);
        closed = true;
    }

    // ---- the room's messages ----

    void handle(RoomMessage message) {
        switch (message) {
            case ServerMessage.Registered registered -> registered(registered);
            case ServerMessage.ActiveCall active -> activeCall(active);
            case ServerMessage.JoinerConnected joined -> joinerConnected(joined);
            case ServerMessage.Signal signal -> {
                if (peer != null) {
                    if (SignalPayloads.isOffer(signal.signal())) {
                        recovery.offerReceived();
                    }
                    peer.receive(signal.signal());
                } else {
                    LOG.fine("signal outside a call ignored");
                }
            }
            case ServerMessage.CallEnded ended -> callEnded(ended);
            case ServerMessage.MediaState state ->
                    reports.tell(l -> l.remoteMediaChanged(state.audio(), state.video()));
            case ServerMessage.ScreenShare share ->
                    reports.tell(l -> l.remoteScreenShareChanged(share.active()));
            case ServerMessage.Chat chat -> chatLine(new ChatLine(chat.from(), chat.text(), chat.sentAt(),
                    chat.from() == role));
            case ServerMessage.ChatTranscript transcript -> transcript.lines().stream()
                    .sorted(Comparator.comparing(ChatLineView::at))
                    .forEach(l -> chatLine(new ChatLine(l.from(), l.text(), l.at(), l.from() == role)));
            case ServerMessage.PeerPresence presence -> peerPresence(presence.connected());
            case ServerMessage.Quality report -> quality.received(report.report());
            case ServerMessage.Pong pong -> pong(pong, System.nanoTime());
            case ServerMessage.Error error -> serverError(error);
            // The waiting room's words are for the patient's page; the doctor's console writes them over REST.
            case ServerMessage.WaitingMessage note -> LOG.fine("waiting-room message ignored by the engine");
            case ServerMessage.CallDeclined declined -> LOG.fine("decline ignored by the engine");
        }
    }

    /**
     * Tells the listener a chat line once: after a dropped socket the server sends the call's transcript so far
     * ({@code chatTranscript}), which repeats the lines seen before the drop, and a line written meanwhile may come
     * both ways.
     */
    private void chatLine(ChatLine line) {
        if (chatShown.add(line)) {
            reports.tell(l -> l.chatReceived(line));
        }
    }

    /** A pong as the socket delivered it at {@code atNanos}: this side's round trip to the server. */
    void pong(ServerMessage.Pong pong, long atNanos) {
        quality.pong(pong.requestId(), atNanos);
    }

    private void peerPresence(boolean connected) {
        peerPresent = connected;
        reports.tell(l -> l.peerPresenceChanged(connected));
        if (connected) {
            recovery.otherPartyReturned();
        }
    }

    private void registered(ServerMessage.Registered registered) {
        iceServers = registered.iceServers();
        peerPresent = registered.peerConnected();
        CallStatus status = registered.callStatus();
        boolean live = status != null && status.isLive();
        if (own.isOpen() || joining) {
            if (live && Objects.equals(registered.sessionId(), sessionId)) {
                // Back after a signaling drop, same call: the peer connection kept the media flowing.
                if (own.isOpen()) {
                    sendMediaState();
                }
                recovery.signalingBack();
                return;
            }
            // The call ended (and maybe a new one started) while this side was away.
            boolean hadCall = own.isOpen();
            endLocally(CallPhase.ENDED);
            if (hadCall) {
                reports.problem(new CallProblem.EndedWhileAway());
            }
        }
        sessionId = registered.sessionId();
        startedBy = registered.startedBy();
        if (status == CallStatus.WAITING && startedBy == role) {
            openMedia();
            reports.phase(CallPhase.WAITING_FOR_PEER);
        } else if (live) {
            reports.phase(CallPhase.INCOMING);
        } else {
            reports.phase(CallPhase.READY);
        }
    }

    private void activeCall(ServerMessage.ActiveCall active) {
        if (Objects.equals(active.sessionId(), sessionId) && (own.isOpen() || joining)) {
            return;
        }
        sessionId = active.sessionId();
        startedBy = active.startedBy();
        if (startedBy == role) {
            joining = false;
            openMedia();
            reports.phase(CallPhase.WAITING_FOR_PEER);
        } else if (!joining) {
            reports.phase(CallPhase.INCOMING);
        }
    }

    private void joinerConnected(ServerMessage.JoinerConnected joined) {
        sessionId = joined.sessionId();
        joining = false;
        if (!openMedia()) {
            return;
        }
        if (peer != null) {
            // The other party joined again (a reloaded page): its old peer connection is gone, start afresh.
            closePeer();
        }
        reports.phase(CallPhase.NEGOTIATING);
        recovery.reset();
        boolean wasSharing = own.sharingScreen();
        VideoTrack video = own.outgoingVideo();
        if (wasSharing && !own.sharingScreen()) {
            reportScreenShare(); // capture does not start again for this call: the camera goes instead
        }
        peer = new PeerSession(own.media(), video, iceServers, relayOnly, role == Role.PATIENT, executor, new Hooks(),
                remoteFeed);
        quality.start();
        sendMediaState();
        if (own.sharingScreen()) {
            signaling.send(new ClientMessage.ScreenShare(true));
        }
        // The starter offers, the joiner waits for it: both know who that is, so no offers cross. Unknown starter:
        // the impolite doctor offers. (The glare tests make the joiner offer as well.)
        if (startedBy == role || (startedBy == null && role == Role.DOCTOR) || offerOnJoin) {
            peer.offer(false);
        }
    }

    private void callEnded(ServerMessage.CallEnded ended) {
        if (!inCall()) {
            return;
        }
        endLocally(CallPhase.ENDED);
        if (ended.endedBy() == role.other()) {
            reports.problem(new CallProblem.EndedByOtherParty(role.other()));
        }
    }

    private void serverError(ServerMessage.Error error) {
        LOG.info(() -> "server error " + error.code() + ": " + error.message());
        switch (ServerVerdict.of(error.code())) {
            case REFUSED -> refused(error.code());
            case REFUSED_IF_JOINING -> {
                if (joining) {
                    refused(error.code());
                }
            }
            case FATAL -> fail(new CallProblem.Refused(error.code(), true));
            case PASSING -> reports.problem(new CallProblem.Refused(error.code(), false));
            case IGNORED -> {
                // the log line above is all
            }
        }
    }

    /** The server refused to start or join: back to where we were, with the reason. */
    private void refused(ErrorCode code) {
        if (joining && peer == null) {
            joining = false;
            own.close();
            boolean offered = sessionId != null && reports.phase() == CallPhase.INCOMING;
            reports.phase(offered ? CallPhase.INCOMING : CallPhase.READY);
        }
        reports.problem(new CallProblem.Refused(code, false));
    }

    private void fail(CallProblem why) {
        endLocally(CallPhase.FAILED);
        reports.problem(why);
    }

    // ---- media and the peer connection ----

    /** Native callbacks of the peer connection and what media recovery needs, both on the executor. */
    private final class Hooks implements PeerSession.Events, MediaRecovery.Call {
        @Override
        public void signal(SignalPayload payload) {
            signaling.send(new ClientMessage.Signal(payload));
        }

        @Override
        public void connectionChanged(PeerSession session, RTCPeerConnectionState state) {
            if (session == peer) {
                recovery.connectionChanged(state);
            }
        }

        @Override
        public void unreachable(PeerSession session) {
            if (session == peer && reports.phase() != CallPhase.CONNECTED) {
                // No restart can help: there is nothing to connect from. Say so instead of "connecting" forever.
                fail(new CallProblem.Unreachable());
            }
        }

        @Override
        public PeerSession peer() {
            return peer;
        }

        @Override
        public boolean peerPresent() {
            return peerPresent;
        }

        @Override
        public void report(MediaConnection change) {
            // Lost with the socket when that is down too: the history then shows the socket's drop instead.
            signaling.send(new ClientMessage.MediaConnectionChanged(change));
        }

        @Override
        public void giveUp() {
            signaling.send(new ClientMessage.EndCall());
            fail(new CallProblem.ConnectionLost(role.other()));
        }
    }

    /** Opens camera and microphone unless open; false (with the problem reported) when they cannot be opened. */
    private boolean openMedia() {
        if (closed) {
            return false;
        }
        if (!own.open(device -> reports.problem(new CallProblem.Media(device, role.other())))) {
            reports.problem(new CallProblem.MediaUnavailable());
            return false;
        }
        return true;
    }

    private boolean inCall() {
        CallPhase phase = reports.phase();
        return own.isOpen() || joining || phase == CallPhase.WAITING_FOR_PEER || phase == CallPhase.INCOMING;
    }

    private void sendMediaState() {
        signaling.send(new ClientMessage.MediaState(own.sendsAudio(), own.cameraOn()));
    }

    private void reportScreenShare() {
        reports.localScreenShare(own.sharingScreen());
    }

    /** Ends this side's call: frees everything native in order and reports the phase. */
    private void endLocally(CallPhase next) {
        recovery.callOver();
        quality.stop();
        closePeer();
        boolean wasSharing = own.close();
        joining = false;
        if (wasSharing) {
            reportScreenShare();
        }
        if (reports.phase() != CallPhase.CONNECTING || next == CallPhase.FAILED) {
            reports.phase(next);
        }
    }

    private void closePeer() {
        if (peer != null) {
            PeerSession closing = peer;
            peer = null;
            try {
                closing.close();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "cannot close the peer connection", e);
            }
        }
    }
}
