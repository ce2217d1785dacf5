package dev.carecall.console.call;

import dev.carecall.protocol.SignalPayload;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When this side's candidates go out: after the description they belong to, and after an ICE restart of ours only
 * once the answer and the answering side's first new candidate are in (GlareIT shows why, in Firefox).
 */
class OutgoingCandidatesTest {
    private static final String ANSWER = "v=0\r\na=ice-ufrag:page2\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private String localUfrag = "doc1";
    private final OutgoingCandidates outgoing = new OutgoingCandidates(
            p -> sent.add(((SignalPayload.IceCandidate) p).candidate()), Runnable::run, () -> localUfrag);

    @Test
    void candidatesGatheredWhileOurDescriptionIsSetFollowIt() {
        outgoing.describing();
        outgoing.gathered(candidate("a", "doc1"));
        assertEquals(List.of(), sent);

        outgoing.described(false);
        assertEquals(List.of(line("a", "doc1")), sent);
        outgoing.gathered(candidate("b", "doc1"));
        assertEquals(List.of(line("a", "doc1"), line("b", "doc1")), sent);
    }

    @Test
    void anIceRestartsCandidatesWaitForTheAnswerAndTheAnswerersFirstCandidate() {
        localUfrag = "doc2";
        outgoing.describing();
        outgoing.gathered(candidate("a", "doc2"));
        outgoing.described(true);
        outgoing.gathered(candidate("b", "doc2"));
        assertEquals(List.of(), sent, "not before the answer");

        outgoing.answerApplied(new RTCSessionDescription(RTCSdpType.ANSWER, ANSWER));
        assertEquals(List.of(), sent, "not before the answerer's first candidate");

        outgoing.remoteCandidateAdded();
        assertEquals(List.of(line("a", "doc2"), line("b", "doc2")), sent);
        outgoing.gathered(candidate("c", "doc2"));
        assertEquals(3, sent.size(), "later ones go at once");
    }

    @Test
    void anAnswerThatCarriesItsCandidatesReleasesOursAtOnce() {
        outgoing.describing();
        outgoing.gathered(candidate("a", "doc1"));
        outgoing.described(true);
        outgoing.answerApplied(new RTCSessionDescription(RTCSdpType.ANSWER,
                ANSWER + "a=candidate:1 1 UDP 2122252543 192.0.2.7 40000 typ host\r\n"));
        assertEquals(List.of(line("a", "doc1")), sent);
    }

    @Test
    void candidatesOfAnOfferThatIsNoLongerOursAreDropped() {
        outgoing.describing();
        outgoing.gathered(candidate("a", "doc1"));
        outgoing.described(true);
        // Rolled back and answered the other side's offer instead: our user fragment is another one now.
        localUfrag = "doc3";
        outgoing.describing();
        outgoing.gathered(candidate("b", "doc3"));
        outgoing.described(false);
        assertEquals(List.of(line("b", "doc3")), sent);
    }

    @Test
    void withoutTheAnswerersCandidatesOursGoAfterAWhile() {
        outgoing.describing();
        outgoing.gathered(candidate("a", "doc1"));
        outgoing.described(true);
        outgoing.answerApplied(new RTCSessionDescription(RTCSdpType.ANSWER, ANSWER));
        assertEquals(List.of(), sent);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sent.equals(List.of(line("a", "doc1"))));
    }

    @Test
    void anIceRestartOfferGoesWithoutItsCandidates() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:doc2\r\n"
                + "a=candidate:1 1 udp 2122194687 192.0.2.2 40272 typ host generation 1 ufrag doc2\r\n"
                + "a=end-of-candidates\r\na=mid:0\r\n";
        RTCSessionDescription stripped = OutgoingCandidates.withoutCandidates(
                new RTCSessionDescription(RTCSdpType.OFFER, sdp));
        assertEquals("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:doc2\r\na=mid:0\r\n", stripped.sdp);
        assertEquals(RTCSdpType.OFFER, stripped.sdpType);
    }

    private static RTCIceCandidate candidate(String foundation, String ufrag) {
        return new RTCIceCandidate("0", 0, line(foundation, ufrag));
    }

    /** A candidate line as libwebrtc writes it, with its user fragment. */
    private static String line(String foundation, String ufrag) {
        return "candidate:" + foundation + " 1 udp 2122194687 192.0.2.2 40272 typ host generation 0 ufrag " + ufrag
                + " network-id 1";
    }
}
