package dev.carecall.console.call;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.VideoFeed;
import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.console.signaling.SignalingListener;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.RoomMessage;
import dev.carecall.protocol.ServerMessage;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The call engine: a real WebRTC peer connection (webrtc-java) signalled through the backend's room socket. The
 * party that started the call offers once the other has joined; {@link RoomCall} runs the room's state,
 * {@link PeerSession} negotiates, {@link MediaRecovery} restarts ICE when the media stops, and what the user should
 * know is reported as a typed {@link CallProblem}.
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

    private final ScheduledExecutorService executor;
    private final SignalingClient<RoomMessage> signaling;
    private final CallReports reports = new CallReports();
    private final FrameFeed remoteFeed = new FrameFeed("remote video");
    private final FrameFeed localFeed = new FrameFeed("preview");
    private final RoomCall room;
    private volatile Thread engineThread;

    private WebRtcCallEngine(CallSettings settings) {
        Role role = settings.role();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carecall-call-" + settings.appointmentId() + "-" + role.wireName());
            t.setDaemon(true);
            engineThread = t;
            return t;
        });
        this.signaling = new SignalingClient<>(settings.roomUri(), settings.token(), settings.tls(),
                RoomMessage.class, new SignalingListener<>() {
                    @Override
                    public void messageReceived(RoomMessage message) {
                        if (message instanceof ServerMessage.Pong pong) {
                            long at = System.nanoTime(); // before the call thread's queue: see QualityWatch.pong
                            run(() -> room.pong(pong, at));
                            return;
                        }
                        run(() -> room.handle(message));
                    }

                    @Override
                    public void stateChanged(SignalingState state) {
                        run(() -> reports.signaling(state));
                    }
                });
        OwnMedia own = new OwnMedia(settings.media(), role == Role.DOCTOR ? "Doctor" : "Patient", localFeed);
        this.room = new RoomCall(role, executor, signaling, reports, remoteFeed, own, settings.relayOnly());
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
        reports.add(listener);
    }

    @Override
    public void connect() {
        signaling.connect();
    }

    @Override
    public void startCall() {
        run(() -> room.begin(new ClientMessage.StartCall()));
    }

    @Override
    public void joinCall() {
        run(() -> room.begin(new ClientMessage.JoinCall()));
    }

    @Override
    public void restartIce() {
        run(room::restartIce);
    }

    /**
     * Makes this side offer as soon as the call is joined even when the other party started it, so both offers cross
     * (glare). Only for the tests of perfect negotiation: the product lets the starter offer alone.
     */
    public void offerOnJoin() {
        run(room::offerOnJoin);
    }

    /** This side's current ICE user fragment, or null outside a call: a restart changes it (for the tests). */
    CompletableFuture<String> iceUfrag() {
        CompletableFuture<String> result = new CompletableFuture<>();
        run(() -> result.complete(room.iceUfrag()));
        return result;
    }

    @Override
    public void endCall() {
        run(room::end);
    }

    @Override
    public void setMicrophoneEnabled(boolean enabled) {
        run(() -> room.setMicrophone(enabled));
    }

    @Override
    public void setCameraEnabled(boolean enabled) {
        run(() -> room.setCamera(enabled));
    }

    @Override
    public void setScreenShareEnabled(boolean enabled) {
        run(() -> room.setScreenShare(enabled));
    }

    @Override
    public void sendChat(String text) {
        ClientMessage.Chat line;
        try {
            line = new ClientMessage.Chat(text);
        } catch (ProtocolException e) {
            CallProblem problem = new CallProblem.ChatLength(Protocol.MAX_CHAT_LENGTH);
            run(() -> reports.problem(problem));
            return;
        }
        run(() -> room.sendChat(line));
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
        run(() -> room.statistics().whenComplete((stats, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(stats);
            }
        }));
        return result;
    }

    /**
     * Frees the peer connection, tracks, sources, audio module and factory, in that order, and closes the socket.
     * Waits (a few seconds at most) until the natives are freed, so a caller can rely on it.
     */
    @Override
    public void close() {
        run(room::close);
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
