package dev.carecall.console.call;

import dev.carecall.protocol.SignalPayload;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCSessionDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * This side's ICE candidates on their way to the other party, held back while they would arrive too early.
 * <ul>
 *   <li>While a description of ours is being made and set: gathering starts inside setLocalDescription, so the first
 *   candidates reach the executor before the description does. Sent first, they would reach the other side while its
 *   remote description is still the previous one (an ICE restart) and be refused there for their new user
 *   fragment.</li>
 *   <li>After an ICE-restart offer of ours, until the answer is applied and the answering side's first candidate of
 *   the new generation has been added here. The answering side checks our candidates the moment it has them; if its
 *   checks come before its candidates, libwebrtc takes their source for a peer-reflexive candidate, ranks it below
 *   the host pair of the old generation that still works, and prunes it at once. The host candidate that arrives
 *   later merges into that pruned pair instead of making a new one, so this side never checks the answerer's new
 *   user fragment and stays on the old pair, which the answerer is leaving (Firefox keeps answering on it for a
 *   while, then drops what comes over it: its incoming media stops).</li>
 * </ul>
 * Held candidates of a user fragment that is no longer ours (an offer rolled back) are dropped. Confined to the call's
 * executor, like the {@link PeerSession} that owns it.
 */
final class OutgoingCandidates {
    private static final Logger LOG = Logger.getLogger(OutgoingCandidates.class.getName());
    private static final Pattern UFRAG = Pattern.compile(" ufrag (\\S+)");
    /** How long our candidates of an ICE restart wait for the answering side's first one at most. */
    private static final long REMOTE_CANDIDATE_WAIT_MILLIS = 1000;

    private final Consumer<SignalPayload> send;
    private final Executor executor;
    /** Our current ICE user fragment: held candidates of another one belong to a description that is gone. */
    private final Supplier<String> localUfrag;
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private boolean describing;
    /** An ICE-restart offer of ours waits for its answer. */
    private boolean awaitingAnswer;
    /** The answer to our ICE restart is in; its side's first candidate is not. */
    private boolean awaitingRemoteCandidate;
    /** Answers to ICE restarts of ours so far: a fallback release belongs to the one it was set for. */
    private int restartAnswers;

    OutgoingCandidates(Consumer<SignalPayload> send, Executor executor, Supplier<String> localUfrag) {
        this.send = send;
        this.executor = executor;
        this.localUfrag = localUfrag;
    }

    /** A description of ours is about to be made and set. */
    void describing() {
        describing = true;
    }

    /** A candidate gathered here: sent now, or once nothing holds it back any more. */
    void gathered(RTCIceCandidate candidate) {
        if (holding()) {
            held.add(candidate);
        } else {
            send.accept(SignalPayloads.candidate(candidate));
        }
    }

    /**
     * Our description was sent. After an ICE-restart offer the candidates wait for the answer and its side's first
     * candidate (see the class comment); otherwise they go now.
     */
    void described(boolean restartOffer) {
        describing = false;
        awaitingAnswer = restartOffer;
        awaitingRemoteCandidate = false;
        releaseIfFree();
    }

    /**
     * The answer to our offer was applied. When it carries its candidates, they are known here already; otherwise
     * ours wait for the first trickled one ({@link #remoteCandidateAdded}), or a second at most: without ours the
     * answering side can never check this side.
     */
    void answerApplied(RTCSessionDescription answer) {
        if (!awaitingAnswer) {
            return;
        }
        awaitingAnswer = false;
        awaitingRemoteCandidate = !answer.sdp.contains("a=candidate:");
        releaseIfFree();
        if (awaitingRemoteCandidate) {
            int round = ++restartAnswers;
            Executor later = CompletableFuture.delayedExecutor(REMOTE_CANDIDATE_WAIT_MILLIS, TimeUnit.MILLISECONDS,
                    executor);
            later.execute(() -> {
                if (round == restartAnswers && awaitingRemoteCandidate) {
                    LOG.info("no candidate came with the answer to our ICE restart: ours go regardless");
                    releaseAll();
                }
            });
        }
    }

    /** A candidate of the other side's current generation was added here. */
    void remoteCandidateAdded() {
        if (awaitingRemoteCandidate) {
            awaitingRemoteCandidate = false;
            releaseIfFree();
        }
    }

    /** Nothing may hold the candidates any longer (a negotiation step failed). */
    void releaseAll() {
        describing = false;
        awaitingAnswer = false;
        awaitingRemoteCandidate = false;
        releaseIfFree();
    }

    /** True while an ICE restart offer of ours waits for the answer or its first candidate. */
    boolean waitingForTheOtherSide() {
        return awaitingAnswer || awaitingRemoteCandidate;
    }

    private boolean holding() {
        return describing || waitingForTheOtherSide();
    }

    private void releaseIfFree() {
        if (holding()) {
            return;
        }
        String ours = localUfrag.get();
        List<RTCIceCandidate> out = List.copyOf(held);
        held.clear();
        for (RTCIceCandidate candidate : out) {
            String ufrag = ufrag(candidate);
            if (ufrag == null || ours == null || Objects.equals(ufrag, ours)) {
                send.accept(SignalPayloads.candidate(candidate));
            }
        }
    }

    /**
     * Our description as it goes out. libwebrtc writes the candidates gathered so far into it; an ICE-restart offer
     * goes without them, as they must wait and follow one by one.
     */
    static RTCSessionDescription withoutCandidates(RTCSessionDescription description) {
        String sdp = description.sdp.lines()
                .filter(l -> !l.startsWith("a=candidate:") && !l.startsWith("a=end-of-candidates"))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
        return new RTCSessionDescription(description.sdpType, sdp);
    }

    /** The user fragment libwebrtc writes into its candidate lines, or null. */
    static String ufrag(RTCIceCandidate candidate) {
        Matcher m = UFRAG.matcher(candidate.sdp);
        return m.find() ? m.group(1) : null;
    }
}
