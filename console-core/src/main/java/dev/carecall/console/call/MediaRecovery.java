package dev.carecall.console.call;

import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.Role;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What happens when a call's media stops: one ICE restart (by the impolite doctor; the polite patient restarts itself
 * only when the doctor's offer does not come), and the call counts as failed only when the restart does not bring the
 * media back in time while the other party is still there. While the other party's socket is gone, it waits: they
 * may be reloading their page or changing networks, and will join again or hang up.
 *
 * <p>Confined to the call's executor, like the engine that owns it.
 */
final class MediaRecovery {
    private static final Logger LOG = Logger.getLogger(MediaRecovery.class.getName());
    /** A connection "disconnected" this long counts as lost (it often comes back by itself within seconds). */
    private static final Duration DISCONNECTED_GRACE = Duration.ofSeconds(5);
    /** How long the polite side waits for the impolite side's ICE restart before restarting itself. */
    private static final Duration POLITE_RESTART_WAIT = Duration.ofSeconds(5);
    /** How long the polite side's requested ICE restart waits for the impolite side's ({@link #restartOnRequest}). */
    private static final Duration POLITE_REQUESTED_RESTART_DELAY = Duration.ofSeconds(1);
    /** How long an ICE restart may take before the call counts as failed. */
    private static final Duration RESTART_DEADLINE = Duration.ofSeconds(20);

    /** What recovery needs from the call, always on its executor. */
    interface Call {
        /** The current peer connection, or null between calls. */
        PeerSession peer();

        /** Whether the other party's socket is connected. */
        boolean peerPresent();

        /** The restart did not help: end the call as failed. */
        void giveUp();

        /** Tells the server that the media broke off or came back, for the call's history. */
        void report(MediaConnection change);
    }

    private final Role role;
    private final ScheduledExecutorService executor;
    private final CallReports reports;
    private final Call call;
    private boolean restartTried;
    private boolean offerSinceLoss;
    /** The server was told the media broke off; it hears of the recovery too. */
    private boolean interruptionReported;
    private ScheduledFuture<?> lossTimer;
    private ScheduledFuture<?> restartTimer;

    MediaRecovery(Role role, ScheduledExecutorService executor, CallReports reports, Call call) {
        this.role = role;
        this.executor = executor;
        this.reports = reports;
        this.call = call;
    }

    /** A new peer connection: it gets its own one restart. */
    void reset() {
        cancel();
        restartTried = false;
    }

    /** The call is over: a later call starts with nothing to recover. */
    void callOver() {
        reset();
        interruptionReported = false;
    }

    /** The current peer connection's state changed. */
    void connectionChanged(RTCPeerConnectionState state) {
        LOG.fine(() -> role.wireName() + " peer connection " + state);
        switch (state) {
            case CONNECTED -> {
                reset();
                if (interruptionReported) {
                    interruptionReported = false;
                    call.report(MediaConnection.RESTORED);
                }
                reports.phase(CallPhase.CONNECTED);
            }
            case DISCONNECTED -> {
                // Said at once, never a frozen picture shown as connected; the restart waits: it often heals itself.
                if (reports.phase() == CallPhase.CONNECTED) {
                    interrupted();
                }
                cancel(lossTimer);
                lossTimer = executor.schedule(() -> {
                    PeerSession peer = call.peer();
                    if (peer != null && peer.state() == RTCPeerConnectionState.DISCONNECTED) {
                        mediaLost();
                    }
                }, DISCONNECTED_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            case FAILED -> mediaLost();
            case NEW, CONNECTING, CLOSED -> {
                // nothing to recover
            }
        }
    }

    /** The other party sent an offer: they renegotiate (restart ICE) themselves. */
    void offerReceived() {
        offerSinceLoss = true;
    }

    /** The other party's socket is back: restart ICE again now that an offer can reach them. */
    void otherPartyReturned() {
        if (reports.phase() == CallPhase.RECONNECTING_MEDIA && restarter()) {
            offerAgain();
            scheduleRestartDeadline();
        }
    }

    /** This side's socket registered again in the same call: an offer sent while it was down was lost. */
    void signalingBack() {
        if (reports.phase() == CallPhase.RECONNECTING_MEDIA && restarter()) {
            offerAgain();
        }
    }

    private void offerAgain() {
        PeerSession peer = call.peer();
        if (peer != null) {
            LOG.info(() -> role.wireName() + " offers again after an absence");
            peer.offerAgainAfterAbsence();
        }
    }

    /** Stops the timers (the call ended or the media is back). */
    void cancel() {
        cancel(lossTimer);
        cancel(restartTimer);
    }

    private void mediaLost() {
        if (call.peer() == null) {
            return;
        }
        if (restartTried) {
            // A restart under way (say, the offer made again when the other party came back) has until its deadline:
            // a link that has just come back often reads "disconnected" first, and giving up then ended calls that
            // were about to recover (the 60 s cut behind NAT).
            if (call.peerPresent() && !restartUnderWay()) {
                call.giveUp();
            }
            return; // the other party is away: the deadline tells the user, their return restarts again
        }
        restartTried = true;
        offerSinceLoss = false;
        interrupted();
        if (restarter()) {
            restartIce();
        } else {
            cancel(lossTimer);
            lossTimer = executor.schedule(() -> {
                if (reports.phase() == CallPhase.RECONNECTING_MEDIA && !offerSinceLoss) {
                    restartIce();
                }
            }, POLITE_RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduleRestartDeadline();
    }

    /** An ICE restart was started and its deadline has not passed yet. */
    private boolean restartUnderWay() {
        return restartTimer != null && !restartTimer.isDone();
    }

    private void interrupted() {
        if (reports.phase() == CallPhase.CONNECTED) {
            interruptionReported = true;
            call.report(MediaConnection.INTERRUPTED);
        }
        reports.phase(CallPhase.RECONNECTING_MEDIA);
    }

    private void scheduleRestartDeadline() {
        cancel(restartTimer);
        restartTimer = executor.schedule(() -> {
            if (reports.phase() != CallPhase.RECONNECTING_MEDIA) {
                return;
            }
            if (call.peerPresent()) {
                call.giveUp();
            } else {
                reports.problem(new CallProblem.OtherPartyAway(role.other()));
            }
        }, RESTART_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The doctor (impolite) restarts ICE; the patient waits a moment for the doctor first. */
    private boolean restarter() {
        return role == Role.DOCTOR;
    }

    private void restartIce() {
        PeerSession peer = call.peer();
        if (peer != null) {
            LOG.info(() -> role.wireName() + " restarts ICE");
            peer.offer(true);
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /**
     * An ICE restart on the user's (or a test's) request; a no-op outside a call. The polite patient gives the
     * doctor's restart a moment first and drops its own when the doctor's offer comes: webrtc-java 0.14.0 loses the
     * polite side's video after rolling back a renegotiation offer, and an answer to the doctor's restart gives this
     * side new ICE credentials as well.
     */
    void restartOnRequest() {
        PeerSession asked = call.peer();
        if (asked == null) {
            return;
        }
        if (role == Role.DOCTOR || !call.peerPresent()) {
            asked.offer(true);
            return;
        }
        int offersBefore = asked.remoteOffers();
        executor.schedule(() -> {
            if (call.peer() == asked && asked.remoteOffers() == offersBefore) {
                asked.offer(true);
            }
        }, POLITE_REQUESTED_RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }
}
