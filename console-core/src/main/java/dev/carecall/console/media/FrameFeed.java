package dev.carecall.console.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.onvoid.webrtc.media.video.VideoTrackSink;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A video sink that keeps only the newest frame for the screen. Each frame is converted by libyuv (through
 * webrtc-java's {@link VideoBufferConverter}) from I420 straight into one of three direct BGRA buffers: one the
 * screen is showing, one waiting to be shown, one being written. A frame the screen did not take in time is simply
 * overwritten by the next, so there is never a backlog and no per-frame copy or allocation in Java.
 *
 * <p>The conversion runs on the native thread that delivers the frame: it takes about a millisecond, holds no lock
 * the screen waits on, and lets the frame be released at once instead of being kept alive for another thread.
 *
 * <p>A screen that says how large it shows the picture ({@link #fitWithin}) gets frames of exactly that size, scaled
 * by libyuv before the conversion: a software-rendered screen then copies the picture one to one instead of
 * interpolating every pixel of a larger frame itself (on a PC without a GPU that interpolation cost more than
 * decoding the video), and a smaller picture is also cheaper to convert and to hand over.
 */
public final class FrameFeed implements VideoFeed, VideoTrackSink {
    private static final Logger LOG = Logger.getLogger(FrameFeed.class.getName());

    private final String name;
    private final AtomicLong frames = new AtomicLong();
    private final Object writerLock = new Object();
    private final Object slotLock = new Object();
    private final Slot[] slots = {new Slot(), new Slot(), new Slot()};
    // Guarded by slotLock.
    private Slot shown;
    private Slot published;
    private Slot writing;
    private boolean failureLogged;
    /** The screen's picture size: width in the high, height in the low 32 bits; 0 takes frames as they come. */
    private volatile long fit;
    private volatile Runnable onPublished;

    /** A feed; {@code name} only labels log lines ("remote video", "preview"). */
    public FrameFeed(String name) {
        this.name = name;
    }

    @Override
    public void onVideoFrame(VideoFrame frame) {
        try {
            frames.incrementAndGet();
            // Two sources may overlap for a moment (camera and screen while switching): one writer at a time.
            synchronized (writerLock) {
                Slot target;
                synchronized (slotLock) {
                    target = freeSlot();
                    writing = target;
                }
                convert(frame.buffer, target);
                synchronized (slotLock) {
                    writing = null;
                    published = target;
                }
            }
            Runnable listener = onPublished;
            if (listener != null) {
                listener.run();
            }
        } catch (Exception e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, name + ": cannot convert a video frame", e);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void fitWithin(int width, int height) {
        fit = width > 0 && height > 0 ? (long) width << 32 | height : 0;
    }

    @Override
    public void onPublished(Runnable listener) {
        onPublished = listener;
    }

    /** Converts {@code source} into {@code target}, scaled to the screen's picture size when one is known. */
    private void convert(VideoFrameBuffer source, Slot target) throws Exception {
        int width = source.getWidth();
        int height = source.getHeight();
        long box = fit;
        if (box != 0) {
            // Keep the aspect ratio: the picture is as large as the box allows in one direction.
            double scale = Math.min((box >>> 32) / (double) width, (int) box / (double) height);
            int fitWidth = Math.max(2, (int) Math.round(width * scale) & ~1);
            int fitHeight = Math.max(2, (int) Math.round(height * scale) & ~1);
            if (fitWidth != width || fitHeight != height) {
                VideoFrameBuffer scaled = source.cropAndScale(0, 0, width, height, fitWidth, fitHeight);
                try {
                    target.fit(fitWidth, fitHeight);
                    VideoBufferConverter.convertFromI420(scaled, target.bgra, FourCC.ARGB);
                } finally {
                    scaled.release();
                }
                return;
            }
        }
        target.fit(width, height);
        VideoBufferConverter.convertFromI420(source, target.bgra, FourCC.ARGB);
    }

    @Override
    public VideoImage acquireLatest() {
        synchronized (slotLock) {
            if (published == null) {
                return null;
            }
            shown = published;
            published = null;
            return shown.image;
        }
    }

    @Override
    public long framesReceived() {
        return frames.get();
    }

    private Slot freeSlot() {
        for (Slot slot : slots) {
            if (slot != shown && slot != published && slot != writing) {
                return slot;
            }
        }
        throw new IllegalStateException("no free frame buffer");
    }

    /**
     * One BGRA buffer (libyuv's {@code ARGB} is B, G, R, A in memory: JavaFX's premultiplied BGRA for opaque
     * pixels). Kept while the frame size stays, so a view can keep one {@code PixelBuffer} per buffer.
     */
    private static final class Slot {
        ByteBuffer bgra;
        VideoImage image;

        void fit(int width, int height) {
            if (image == null || image.width() != width || image.height() != height) {
                bgra = ByteBuffer.allocateDirect(width * height * 4);
                image = new VideoImage(width, height, bgra);
            }
        }
    }
}
