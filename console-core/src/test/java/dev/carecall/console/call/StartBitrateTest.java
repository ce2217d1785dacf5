package dev.carecall.console.call;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every video codec of a description gets the start bitrate, nothing else changes. */
class StartBitrateTest {
    private static final String OFFER = String.join("\r\n", List.of(
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99",
            "a=mid:1",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:98 VP9/90000",
            "a=fmtp:98 profile-id=0",
            "a=rtpmap:99 rtx/90000",
            "a=fmtp:99 apt=98",
            ""));

    @Test
    void videoCodecsStartAtTheCallsBitrate() {
        String sdp = StartBitrate.apply(OFFER);
        String start = "x-google-start-bitrate=" + StartBitrate.KBPS;
        assertTrue(sdp.contains("a=rtpmap:96 VP8/90000\r\na=fmtp:96 " + start + "\r\n"),
                "a codec without parameters gets a line of its own:\n" + sdp);
        assertTrue(sdp.contains("a=fmtp:98 profile-id=0;" + start + "\r\n"), sdp);
        assertTrue(sdp.contains("a=fmtp:97 apt=96\r\n"), "resends carry no picture: " + sdp);
        assertTrue(sdp.contains("a=fmtp:99 apt=98\r\n"), sdp);
        assertTrue(sdp.contains("a=fmtp:111 minptime=10;useinbandfec=1\r\n"), "audio stays as it was: " + sdp);
        assertEquals(OFFER.split("\r\n", -1).length + 1, sdp.split("\r\n", -1).length, "one line added");
        assertTrue(sdp.endsWith("\r\n"));
    }

    @Test
    void aDescriptionIsChangedOnceAndOnlyWithVideo() {
        String once = StartBitrate.apply(OFFER);
        assertSame(once, StartBitrate.apply(once), "a second pass changes nothing");
        String audioOnly = OFFER.substring(0, OFFER.indexOf("m=video"));
        assertSame(audioOnly, StartBitrate.apply(audioOnly));
        String unix = OFFER.replace("\r\n", "\n");
        assertEquals(once.replace("\r\n", "\n"), StartBitrate.apply(unix), "line ends kept as they came");
    }
}
