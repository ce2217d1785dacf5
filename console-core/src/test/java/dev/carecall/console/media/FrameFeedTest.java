package dev.carecall.console.media;

import dev.onvoid.webrtc.internal.NativeLoader;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen gets the newest frame only, in BGRA, and the buffer it shows is never written under it. */
class FrameFeedTest {
    private final FrameFeed feed = new FrameFeed("test");

    @BeforeAll
    static void loadNativeLibrary() throws Exception {
        // In a call the factory loads it; these frames are made without one.
        NativeLoader.loadLibrary("webrtc-java");
    }

    @Test
    void onlyTheNewestFrameIsHandedOutAndOnlyOnce() {
        feed.onVideoFrame(frame(4, 2, Grey.DARK));
        feed.onVideoFrame(frame(4, 2, Grey.MIDDLE));
        feed.onVideoFrame(frame(4, 2, Grey.LIGHT));

        VideoImage image = feed.acquireLatest();
        assertEquals(3, feed.framesReceived());
        assertGrey(Grey.LIGHT, blue(image));
        assertNull(feed.acquireLatest(), "nothing new since");
    }

    @Test
    void theListenerHearsOfEachFrameOnceItCanBeTakenUntilItIsRemoved() {
        List<VideoImage> taken = new ArrayList<>();
        feed.onPublished(() -> taken.add(feed.acquireLatest()));
        feed.onVideoFrame(frame(4, 2, Grey.DARK));
        feed.onVideoFrame(frame(4, 2, Grey.LIGHT));
        assertEquals(2, taken.size());
        assertGrey(Grey.DARK, blue(taken.get(0)));
        assertGrey(Grey.LIGHT, blue(taken.get(1)));

        feed.onPublished(null);
        feed.onVideoFrame(frame(4, 2, Grey.MIDDLE));
        assertEquals(2, taken.size(), "no longer told");
        assertGrey(Grey.MIDDLE, blue(feed.acquireLatest()));
    }

    @Test
    void pixelsArriveAsOpaqueBgra() {
        feed.onVideoFrame(frame(2, 2, Grey.LIGHT));
        ByteBuffer bgra = feed.acquireLatest().bgra();
        assertEquals(2 * 2 * 4, bgra.capacity());
        assertGrey(Grey.LIGHT, bgra.get(0) & 0xff);
        assertGrey(Grey.LIGHT, bgra.get(1) & 0xff);
        assertGrey(Grey.LIGHT, bgra.get(2) & 0xff);
        assertEquals(255, bgra.get(3) & 0xff, "alpha");
    }

    @Test
    void theShownBufferStaysUntouchedWhileNewFramesArrive() {
        feed.onVideoFrame(frame(4, 2, Grey.DARK));
        VideoImage shown = feed.acquireLatest();
        for (int i = 0; i < 5; i++) {
            feed.onVideoFrame(frame(4, 2, Grey.LIGHT));
        }
        assertGrey(Grey.DARK, blue(shown));
        VideoImage next = feed.acquireLatest();
        assertNotSame(shown.bgra(), next.bgra());
        assertGrey(Grey.LIGHT, blue(next));
    }

    @Test
    void buffersAreReusedWhileTheSizeStays() {
        java.util.Set<ByteBuffer> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 12; i++) {
            feed.onVideoFrame(frame(4, 2, Grey.MIDDLE));
            seen.add(feed.acquireLatest().bgra());
        }
        assertEquals(2, seen.size(), "the screen alternates between two buffers, no allocation per frame");
        feed.onVideoFrame(frame(8, 4, Grey.MIDDLE));
        VideoImage bigger = feed.acquireLatest();
        assertEquals(8, bigger.width());
        assertSame(bigger.bgra(), bigger.bgra());
    }

    @Test
    void framesComeAtTheSizeTheScreenShowsThemKeepingTheirShape() {
        feed.fitWithin(320, 240);
        feed.onVideoFrame(frame(640, 360, Grey.LIGHT));
        VideoImage smaller = feed.acquireLatest();
        assertEquals(320, smaller.width());
        assertEquals(180, smaller.height());
        assertEquals(320 * 180 * 4, smaller.bgra().capacity());
        assertGrey(Grey.LIGHT, blue(smaller));

        feed.fitWithin(128, 128);
        feed.onVideoFrame(frame(64, 36, Grey.DARK));
        VideoImage larger = feed.acquireLatest();
        assertEquals(128, larger.width(), "a small picture is scaled up for a large screen too");
        assertEquals(72, larger.height());
        assertGrey(Grey.DARK, blue(larger));

        feed.fitWithin(0, 0);
        feed.onVideoFrame(frame(640, 360, Grey.MIDDLE));
        assertEquals(640, feed.acquireLatest().width(), "no size: frames as they come");
    }

    /** Video-range luma to RGB rounds differently per converter: within 2 of BT.601's value is that grey. */
    private static void assertGrey(Grey expected, int actual) {
        assertTrue(Math.abs(expected.rgb - actual) <= 2, "expected about " + expected.rgb + ", got " + actual);
    }

    private static int blue(VideoImage image) {
        return image.bgra().get(0) & 0xff;
    }

    /** Greys: a luma with neutral chroma converts to R = G = B = (Y - 16) * 1.164 (BT.601 video range). */
    private enum Grey {
        DARK(50, 40), MIDDLE(128, 130), LIGHT(200, 214);

        final int luma;
        final int rgb;

        Grey(int luma, int rgb) {
            this.luma = luma;
            this.rgb = rgb;
        }
    }

    private static VideoFrame frame(int width, int height, Grey grey) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        fill(buffer.getDataY(), grey.luma);
        fill(buffer.getDataU(), 128);
        fill(buffer.getDataV(), 128);
        return new VideoFrame(buffer, System.nanoTime());
    }

    private static void fill(ByteBuffer plane, int value) {
        while (plane.hasRemaining()) {
            plane.put((byte) value);
        }
    }
}
