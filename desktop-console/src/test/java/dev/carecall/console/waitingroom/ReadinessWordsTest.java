package dev.carecall.console.waitingroom;

import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Readiness.DeviceStatus;
import dev.carecall.protocol.Readiness.SpeakerStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadinessWordsTest {
    private static final Texts EN = Texts.of(Language.ENGLISH);
    private static final Texts DE = Texts.of(Language.GERMAN);

    private static Readiness check(DeviceStatus camera, boolean frames, SpeakerStatus speaker,
                                   List<CandidateType> types, Integer rtt, Integer uplink) {
        return new Readiness(new Readiness.Camera(camera, frames), new Readiness.Microphone(DeviceStatus.OK, true),
                new Readiness.Speaker(speaker), "Safari 18", "iPhone", new Readiness.NetworkProbe(types, rtt, uplink));
    }

    @Test
    void aPatientWhoseCheckWorksBehindAStrictFirewallWillUseARelay() {
        Readiness r = check(DeviceStatus.OK, true, SpeakerStatus.HEARD, List.of(CandidateType.RELAY), 60, 3000);
        assertEquals("Camera ✓, microphone ✓, speaker ✓, network: good, will use a relay", ReadinessWords.line(r, EN));
        assertEquals("Kamera ✓, Mikrofon ✓, Lautsprecher ✓, Netz: gut, über ein Relais", ReadinessWords.line(r, DE));
        assertEquals("Round trip 60 ms · upload about 3.0 Mbit/s · Safari 18 on iPhone", ReadinessWords.details(r, EN));
        assertEquals("Antwortzeit 60 ms · Upload etwa 3,0 Mbit/s · Safari 18 auf iPhone", ReadinessWords.details(r, DE));
    }

    @Test
    void problemsAreNamedInPlainWords() {
        Readiness r = check(DeviceStatus.DENIED, false, SpeakerStatus.NOT_HEARD,
                List.of(CandidateType.HOST, CandidateType.SRFLX), 500, null);
        assertEquals("Camera ✗ (blocked), microphone ✓, speaker ✗ (not heard), network: poor, direct connection",
                ReadinessWords.line(r, EN));
        assertEquals("Round trip 500 ms · upload about – · Safari 18 on iPhone", ReadinessWords.details(r, EN));
        Readiness quiet = check(DeviceStatus.OK, false, SpeakerStatus.UNTESTED, List.of(), null, 800);
        assertEquals("Camera: no picture yet, microphone ✓, speaker not tested, network: cannot connect",
                ReadinessWords.line(quiet, EN));
    }

    @Test
    void theNetworkIsGradedByRoundTripAndUpload() {
        assertEquals(ReadinessWords.Network.GOOD, ReadinessWords.network(
                new Readiness.NetworkProbe(List.of(CandidateType.HOST), null, null)));
        assertEquals(ReadinessWords.Network.FAIR, ReadinessWords.network(
                new Readiness.NetworkProbe(List.of(CandidateType.HOST), 200, 5000)));
        assertEquals(ReadinessWords.Network.FAIR, ReadinessWords.network(
                new Readiness.NetworkProbe(List.of(CandidateType.HOST), 20, 800)));
        assertEquals(ReadinessWords.Network.POOR, ReadinessWords.network(
                new Readiness.NetworkProbe(List.of(CandidateType.RELAY), 20, 200)));
    }
}
