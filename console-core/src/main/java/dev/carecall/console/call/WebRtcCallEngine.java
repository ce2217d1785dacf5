package dev.carecall.console.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.LocalMedia;
import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.console.signaling.SignalingListener;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The call engine: a real WebRTC peer connection (webrtc-java) signalled through the backend's room socket
 * (Contracts 3 and 4).
 *
 * <p>One engine serves one appointment and may run several calls of it one after another: the native media (factory,
 * audio module, tracks, sources) are opened when this side starts or joins a call and all freed when it ends, so an
 * engine between calls holds nothing native. The console may equally create a new engine per call.
 *
 * <p>All state lives on one single-threaded executor per engine. Public methods, signaling messages and native
 * callbacks only post tasks to it; listeners are called on it.
 */
public final class WebRtcCallEngine implements CallEngine {
    private static final Logger LOG = Logger.getLogger(WebRtcCallEngine.class.getName());
    /** Contract 4: a connection "disconnected" this long counts as lost. */
    private static final Duration DISCONNECTED_GRACE = Duration.ofSeconds(5);
    /** How long the polite side waits for the impolite side's ICE restart before restarting itself. */
    private static final Duration POLITE_RESTART_WAIT = Duration.ofSeconds(5);
    /** How long an ICE restart may take before the call counts as failed. */
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(20);

    private final CallSettings settings;
    private final Role role;
    private final ScheduledExecutorService executor;
    private final SignalingClient signaling;
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final FrameFeed remoteFeed = new FrameFeed("remote video");
    private final FrameFeed localFeed = new FrameFeed("preview");
    private volatile Thread engineThread;

    // Confined to the executor.
    private CallPhase phase = CallPhase.CONNECTING;
    private List<IceServer> iceServers = List.of();
    private Long sessionId;
    private Role startedBy;
    private boolean joining;
    private LocalMedia media;
    private PeerSession peer;
    private VideoTrack previewTrack;
    private boolean microphoneOn = true;
    private boolean cameraOn = true;
    private boolean sharingScreen;
    private boolean restartTried;
    private boolean peerPresent;
    private boolean offerSinceLoss;
    private ScheduledFuture<?> lossTimer;
    private ScheduledFuture<?> restartTimer;
    private boolean closed;

    private WebRtcCallEngine(CallSettings settings) {
        this.settings = settings;
        this.role = settings.role();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carecall-call-" + settings.appointmentId() + "-" + role.wireName());
            t.setDaemon(true);
            engineThread = t;
            return t;
        });
        this.signaling = new SignalingClient(settings.roomUri(), settings.token(), settings.tls(),
                new SignalingListener() {
                    @Override
                    public void messageReceived(ServerMessage message) {
                        run(() -> handle(message));
                    }

                    @Override
                    public void stateChanged(SignalingState state) {
                        run(() -> listeners.forEach(l -> l.signalingStateChanged(state)));
                    }
                });
    }

    /**
     * A new engine for one appointment; nothing happens before {@link CallEngine#connect()}. One engine can run
     * several calls of its appointment one after another; close it when the appointment's view closes.
     */
    public static CallEngine create(CallSettings settings) {
        return new WebRtcCallEngine(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public void addListener(CallListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void connect() {
        signaling.connect();
    }

    @Override
    public void startCall() {
        run(() -> beginCall(new ClientMessage.StartCall()));
    }

    @Override
    public void joinCall() {
        run(() -> beginCall(new ClientMessage.JoinCall()));
    }

    @Override
    public void endCall() {
        run(() -> {
            if (media == null && !joining && phase != CallPhase.WAITING_FOR_PEER && phase != CallPhase.INCOMING) {
                return;
            }
            signaling.send(new ClientMessage.EndCall());
            endLocally(CallPhase.ENDED);
        });
    }

    @Override
    public void setMicrophoneEnabled(boolean enabled) {
        run(() -> {
            microphoneOn = enabled;
            if (media != null) {
                media.audioTrack().setEnabled(enabled);
                sendMediaState();
            }
        });
    }

    @Override
    public void setCameraEnabled(boolean enabled) {
        run(() -> {
            cameraOn = enabled;
            if (media != null) {
                media.cameraTrack().setEnabled(enabled);
                sendMediaState();
            }
        });
    }

    @Override
    public void setScreenShareEnabled(boolean enabled) {
        run(() -> {
            if (media == null || enabled == sharingScreen) {
                // Nothing changes (no call yet, or already so): say what is true, so a button that flipped on
                // the request flips back.
                reportScreenShare();
                return;
            }
            VideoTrack outgoing = enabled ? media.startScreen() : media.cameraTrack();
            if (outgoing == null) {
                reportScreenShare(); // capture did not start; LocalMedia has posted the notice
                return;
            }
            if (peer != null) {
                peer.replaceVideo(outgoing);
            }
            showPreview(outgoing);
            sharingScreen = enabled;
            if (!enabled) {
                media.stopScreen();
            }
            // Reported before the other side is told, so a UI is never behind what the other side shows.
            reportScreenShare();
            signaling.send(new ClientMessage.ScreenShare(enabled));
        });
    }

    @Override
    public void sendChat(String text) {
        ClientMessage.Chat line;
        try {
            line = new ClientMessage.Chat(text);
        } catch (ProtocolException e) {
            run(() -> notice(UserNotice.Severity.WARNING, "A message needs between 1 and "
                    + Protocol.MAX_CHAT_LENGTH + " characters."));
            return;
        }
        run(() -> {
            if (!signaling.send(line)) {
                notice(UserNotice.Severity.WARNING, "Your message was not sent: the connection to the server is "
                        + "interrupted. Send it again once it is back.");
            }
        });
    }

    @Override
    public VideoFeed remoteVideo() {
        return remoteFeed;
    }

    @Override
    public VideoFeed localVideo() {
        return localFeed;
    }

    @Override
    public CompletableFuture<CallStatistics> statistics() {
        CompletableFuture<CallStatistics> result = new CompletableFuture<>();
        if (executor.isShutdown()) {
            result.complete(StatsReader.EMPTY);
            return result;
        }
        run(() -> {
            if (peer == null) {
                result.complete(StatsReader.EMPTY);
            } else {
                peer.statistics().whenComplete((stats, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(stats);
                    }
                });
            }
        });
        return result;
    }

    /**
     * Frees the peer connection, tracks, sources, audio module and factory, in that order, and closes the socket.
     * Waits (a few seconds at most) until the natives are freed, so a caller can rely on it.
     */
    @Override
    public void close() {
        run(() -> {
            endLocally(phase == CallPhase.FAILED ? CallPhase.FAILED : CallPhase.ENDED);
            closed = true;
        });
        signaling.close();
        executor.shutdown();
        if (Thread.currentThread() == engineThread) {
            return; // a listener closed the engine: the cleanup above runs right after it returns
        }
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("call engine did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- signaling ----

    private void handle(ServerMessage message) {
        switch (message) {
            case ServerMessage.Registered registered -> registered(registered);
            case ServerMessage.ActiveCall active -> activeCall(active);
            case ServerMessage.JoinerConnected joined -> joinerConnected(joined);
            case ServerMessage.Signal signal -> {
                if (peer != null) {
                    if (signal.signal().path("type").asText().equals("offer")) {
                        offerSinceLoss = true; // the other side renegotiates (restarts ICE) itself
                    }
                    peer.receive(signal.signal());
                } else {
                    LOG.fine("signal outside a call ignored");
                }
            }
            case ServerMessage.CallEnded ended -> callEnded(ended);
            case ServerMessage.MediaState state ->
                    listeners.forEach(l -> l.remoteMediaChanged(state.audio(), state.video()));
            case ServerMessage.ScreenShare share ->
                    listeners.forEach(l -> l.remoteScreenShareChanged(share.active()));
            case ServerMessage.Chat chat -> {
                ChatLine line = new ChatLine(chat.from(), chat.text(), chat.sentAt(), chat.from() == role);
                listeners.forEach(l -> l.chatReceived(line));
            }
            case ServerMessage.PeerPresence presence -> peerPresence(presence.connected());
            case ServerMessage.CallStatusChanged ignored -> {
                // lobby only
            }
            case ServerMessage.Pong ignored -> {
                // the signaling client's keepalive
            }
            case ServerMessage.Error error -> serverError(error);
        }
    }

    private void peerPresence(boolean connected) {
        peerPresent = connected;
        listeners.forEach(l -> l.peerPresenceChanged(connected));
        if (connected && phase == CallPhase.RECONNECTING_MEDIA && restarter()) {
            // They are back (their socket dropped with the media): restart ICE again now that it can reach them.
            restartIce();
            scheduleRestartDeadline();
        }
    }

    private void registered(ServerMessage.Registered registered) {
        iceServers = registered.iceServers();
        peerPresent = registered.peerConnected();
        CallStatus status = registered.callStatus();
        boolean live = status != null && status.isLive();
        if (media != null || joining) {
            if (live && Objects.equals(registered.sessionId(), sessionId)) {
                // Back after a signaling drop, same call: the peer connection kept the media flowing.
                if (media != null) {
                    sendMediaState();
                }
                if (phase == CallPhase.RECONNECTING_MEDIA && restarter()) {
                    restartIce();
                }
                return;
            }
            // The call ended (and maybe a new one started) while this side was away.
            boolean hadCall = media != null;
            endLocally(CallPhase.ENDED);
            if (hadCall) {
                notice(UserNotice.Severity.INFO, "The call ended while your connection was interrupted.");
            }
        }
        sessionId = registered.sessionId();
        startedBy = registered.startedBy();
        if (status == CallStatus.WAITING && startedBy == role) {
            openMedia();
            setPhase(CallPhase.WAITING_FOR_PEER);
        } else if (live) {
            setPhase(CallPhase.INCOMING);
        } else {
            setPhase(CallPhase.READY);
        }
    }

    private void activeCall(ServerMessage.ActiveCall active) {
        if (Objects.equals(active.sessionId(), sessionId) && (media != null || joining)) {
            return;
        }
        sessionId = active.sessionId();
        startedBy = active.startedBy();
        if (startedBy == role) {
            joining = false;
            openMedia();
            setPhase(CallPhase.WAITING_FOR_PEER);
        } else if (!joining) {
            setPhase(CallPhase.INCOMING);
        }
    }

    private void beginCall(ClientMessage request) {
        if (closed || media != null) {
            return;
        }
        if (!signaling.send(request)) {
            notice(UserNotice.Severity.WARNING, "Not connected to the server right now. Wait until it reconnects "
                    + "and try again.");
            return;
        }
        joining = true;
    }

    private void joinerConnected(ServerMessage.JoinerConnected joined) {
        sessionId = joined.sessionId();
        joining = false;
        openMedia();
        if (media == null) {
            return;
        }
        if (peer != null) {
            // The other party joined again (a reloaded page): its old peer connection is gone, start afresh.
            closePeer();
        }
        setPhase(CallPhase.NEGOTIATING);
        restartTried = false;
        VideoTrack video = sharingScreen ? media.startScreen() : media.cameraTrack();
        if (video == null) {
            // Sharing was on, but capture does not start again for this call: fall back to the camera.
            sharingScreen = false;
            reportScreenShare();
            video = media.cameraTrack();
        }
        peer = new PeerSession(media, video, iceServers, settings.relayOnly(),
                role == Role.PATIENT, executor, new PeerEvents(), remoteFeed);
        sendMediaState();
        if (sharingScreen) {
            signaling.send(new ClientMessage.ScreenShare(true));
        }
        // Contract 4: the starter offers; the joiner waits for it. Unknown starter: the impolite doctor offers.
        if (startedBy == role || (startedBy == null && role == Role.DOCTOR)) {
            peer.offer(false);
        }
    }

    private void callEnded(ServerMessage.CallEnded ended) {
        if (media == null && !joining && phase != CallPhase.WAITING_FOR_PEER && phase != CallPhase.INCOMING) {
            return;
        }
        endLocally(CallPhase.ENDED);
        if (ended.endedBy() == role.other()) {
            notice(UserNotice.Severity.INFO, "The " + other() + " ended the call.");
        }
    }

    private void serverError(ServerMessage.Error error) {
        LOG.info(() -> "server error " + error.code() + ": " + error.message());
        switch (error.code()) {
            case PAYMENT_REQUIRED -> refused("This appointment has not been paid yet, so the call cannot start.");
            case NO_ACTIVE_CALL -> {
                // Also the answer to a late signal racing the other party's hang-up: only a join is worth a word.
                if (joining) {
                    refused("There is no call to join any more. Start a new call.");
                }
            }
            case RATE_LIMITED -> refused("Too many requests in a short time. Wait a moment and try again.");
            case INVALID_TOKEN, TOKEN_EXPIRED -> fail("Your sign-in is no longer valid. Sign in again to continue.");
            case WRONG_APPOINTMENT, FORBIDDEN, APPOINTMENT_NOT_FOUND ->
                    fail("This appointment is not available to you.");
            case REPLACED_BY_NEW_CONNECTION -> fail("This appointment was opened in another window, which now "
                    + "has the call.");
            case UNSUPPORTED_VERSION -> fail("This program is too old for the server. Install the new version.");
            case INTERNAL_ERROR -> notice(UserNotice.Severity.WARNING, "Something went wrong on the server. "
                    + "Try again.");
            default -> {
                // Protocol mistakes of this client: the log has them; nothing the user can do.
            }
        }
    }

    /** The server refused to start or join: back to where we were, with the reason. */
    private void refused(String text) {
        if (joining && peer == null) {
            joining = false;
            closeMedia();
            setPhase(sessionId != null && phase == CallPhase.INCOMING ? CallPhase.INCOMING : CallPhase.READY);
        }
        notice(UserNotice.Severity.WARNING, text);
    }

    private void fail(String text) {
        endLocally(CallPhase.FAILED);
        notice(UserNotice.Severity.ERROR, text);
    }

    // ---- media and the peer connection ----

    private final class PeerEvents implements PeerSession.Events {
        @Override
        public void signal(ObjectNode payload) {
            signaling.send(new ClientMessage.Signal(payload));
        }

        @Override
        public void connectionChanged(PeerSession session, RTCPeerConnectionState state) {
            if (session == peer) {
                connection(state);
            }
        }

        @Override
        public void unreachable(PeerSession session) {
            if (session == peer && phase != CallPhase.CONNECTED) {
                // No restart can help: there is nothing to connect from. Say so instead of "connecting" forever.
                fail("The call cannot connect: this computer could not reach the video relay server (TURN). "
                        + "Ask your clinic's IT to run the connection test (CareCall --check).");
            }
        }
    }

    private void connection(RTCPeerConnectionState state) {
        LOG.fine(() -> role.wireName() + " peer connection " + state);
        switch (state) {
            case CONNECTED -> {
                cancelTimers();
                restartTried = false;
                setPhase(CallPhase.CONNECTED);
            }
            case DISCONNECTED -> {
                cancel(lossTimer);
                lossTimer = executor.schedule(() -> {
                    if (peer != null && peer.state() == RTCPeerConnectionState.DISCONNECTED) {
                        mediaLost();
                    }
                }, DISCONNECTED_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            case FAILED -> mediaLost();
            default -> {
            }
        }
    }

    /** Contract 4: restart ICE once; only if that does not bring the media back, the call has failed. */
    private void mediaLost() {
        if (peer == null) {
            return;
        }
        if (restartTried) {
            if (peerPresent) {
                giveUp();
            }
            return; // the other party is away: the deadline tells the user, their return restarts again
        }
        restartTried = true;
        offerSinceLoss = false;
        setPhase(CallPhase.RECONNECTING_MEDIA);
        if (restarter()) {
            restartIce();
        } else {
            cancel(lossTimer);
            lossTimer = executor.schedule(() -> {
                if (phase == CallPhase.RECONNECTING_MEDIA && !offerSinceLoss) {
                    restartIce();
                }
            }, POLITE_RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduleRestartDeadline();
    }

    /**
     * Gives up when the restart did not help in time, but not while the other party's socket is gone: they may be
     * reloading their page or changing networks, and will join again (a fresh peer connection) or hang up.
     */
    private void scheduleRestartDeadline() {
        cancel(restartTimer);
        restartTimer = executor.schedule(() -> {
            if (phase != CallPhase.RECONNECTING_MEDIA) {
                return;
            }
            if (peerPresent) {
                giveUp();
            } else {
                notice(UserNotice.Severity.INFO, "The " + other() + "'s connection dropped. Waiting for them to "
                        + "come back; you can also end the call.");
            }
        }, RESTART_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The doctor (impolite) restarts ICE; the patient waits a moment for the doctor first. */
    private boolean restarter() {
        return role == Role.DOCTOR;
    }

    private void restartIce() {
        if (peer != null) {
            LOG.info(() -> role.wireName() + " restarts ICE");
            peer.offer(true);
        }
    }

    private void giveUp() {
        signaling.send(new ClientMessage.EndCall());
        fail("The connection to the " + other() + " was lost and could not be restored. Check your internet "
                + "connection and start the call again.");
    }

    private void openMedia() {
        if (media != null || closed) {
            return;
        }
        try {
            media = LocalMedia.open(settings.media(), role == Role.DOCTOR ? "Doctor" : "Patient", "the " + other(),
                    text -> run(() -> notice(UserNotice.Severity.WARNING, text)));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "cannot open camera and microphone", e);
            notice(UserNotice.Severity.ERROR, "The call could not use this computer's camera and microphone. "
                    + "Restart CareCall and try again.");
            return;
        }
        media.audioTrack().setEnabled(microphoneOn);
        media.cameraTrack().setEnabled(cameraOn);
        showPreview(media.cameraTrack());
    }

    private void showPreview(VideoTrack track) {
        if (previewTrack != null) {
            previewTrack.removeSink(localFeed);
        }
        previewTrack = track;
        if (track != null) {
            track.addSink(localFeed);
        }
    }

    private void sendMediaState() {
        boolean audio = microphoneOn && media != null && media.hasMicrophone();
        signaling.send(new ClientMessage.MediaState(audio, cameraOn));
    }

    private void reportScreenShare() {
        boolean active = sharingScreen;
        listeners.forEach(l -> l.localScreenShareChanged(active));
    }

    /** Ends this side's call: frees everything native in order and reports the phase. */
    private void endLocally(CallPhase next) {
        cancelTimers();
        closePeer();
        closeMedia();
        joining = false;
        boolean wasSharing = sharingScreen;
        sharingScreen = false;
        if (wasSharing) {
            reportScreenShare();
        }
        restartTried = false;
        if (phase != CallPhase.CONNECTING || next == CallPhase.FAILED) {
            setPhase(next);
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

    private void closeMedia() {
        showPreview(null);
        if (media != null) {
            LocalMedia closing = media;
            media = null;
            closing.close();
        }
    }

    private void cancelTimers() {
        cancel(lossTimer);
        cancel(restartTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private String other() {
        return role.other() == Role.PATIENT ? "patient" : "doctor";
    }

    private void setPhase(CallPhase next) {
        if (phase == next) {
            return;
        }
        phase = next;
        listeners.forEach(l -> l.phaseChanged(next));
    }

    private void notice(UserNotice.Severity severity, String text) {
        UserNotice notice = new UserNotice(severity, text);
        listeners.forEach(l -> l.notice(notice));
    }

    /** Runs a task on the call's executor; a listener's exception is logged, never kills the engine. */
    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "call engine task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "call engine already closed", e);
        }
    }
}
