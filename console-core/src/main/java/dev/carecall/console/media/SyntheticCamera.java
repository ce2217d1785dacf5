package dev.carecall.console.media;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A camera that does not need one: colour bars with a label and a white square that moves, pushed as I420 frames
 * through a {@link CustomVideoSource} from its own scheduled thread. Tests use it on machines without cameras, and a
 * call uses it when there is no camera, so the other side sees that video works but the camera is missing.
 *
 * <p>The still part is drawn once with Java2D and converted to I420 once; each frame copies those planes natively and
 * draws only the square, so a frame costs a few hundred microseconds.
 */
final class SyntheticCamera implements AutoCloseable {
    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final int FRAMES_PER_SECOND = 15;
    private static final int BOX = 48;
    private static final Logger LOG = Logger.getLogger(SyntheticCamera.class.getName());

    private final CustomVideoSource source = new CustomVideoSource();
    private final NativeI420Buffer still;
    private final ScheduledExecutorService timer;
    private long frameNumber;

    /** A test picture with {@code label} on it, or with a crossed-out camera when {@code label} is null. */
    SyntheticCamera(String label) {
        still = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        try {
            VideoBufferConverter.convertToI420(drawStill(label), still, FourCC.ARGB);
        } catch (Exception e) {
            still.release();
            throw new IllegalStateException("cannot draw the test picture", e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carecall-synthetic-camera");
            t.setDaemon(true);
            return t;
        });
    }

    /** The source to make a video track from. */
    CustomVideoSource source() {
        return source;
    }

    void start() {
        timer.scheduleAtFixedRate(this::pushFrame, 0, 1000 / FRAMES_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /** Stops pushing frames and waits for the last one, so the source can be disposed safely afterwards. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warning("synthetic camera thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        still.release();
    }

    private void pushFrame() {
        NativeI420Buffer frame = NativeI420Buffer.allocate(WIDTH, HEIGHT);
        try {
            copyPlane(still.getDataY(), still.getStrideY(), frame.getDataY(), frame.getStrideY(), WIDTH, HEIGHT);
            int chromaWidth = (WIDTH + 1) / 2;
            int chromaHeight = (HEIGHT + 1) / 2;
            copyPlane(still.getDataU(), still.getStrideU(), frame.getDataU(), frame.getStrideU(), chromaWidth,
                    chromaHeight);
            copyPlane(still.getDataV(), still.getStrideV(), frame.getDataV(), frame.getStrideV(), chromaWidth,
                    chromaHeight);
            drawBox(frame, frameNumber++);
            source.pushFrame(new VideoFrame(frame, System.nanoTime()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "synthetic camera frame failed", e);
        } finally {
            frame.release();
        }
    }

    /** The square travels left and right along the bottom, 8 pixels a frame (a round trip in about ten seconds). */
    private static void drawBox(NativeI420Buffer frame, long n) {
        int travel = WIDTH - BOX;
        int step = (int) (n % (2L * travel / 8)) * 8;
        int x = step <= travel ? step : 2 * travel - step;
        int y = HEIGHT - BOX - 16;
        ByteBuffer luma = frame.getDataY();
        int stride = frame.getStrideY();
        for (int row = y; row < y + BOX; row++) {
            for (int col = x; col < x + BOX; col++) {
                luma.put(row * stride + col, (byte) 235);
            }
        }
        ByteBuffer u = frame.getDataU();
        ByteBuffer v = frame.getDataV();
        for (int row = y / 2; row < (y + BOX) / 2; row++) {
            for (int col = x / 2; col < (x + BOX) / 2; col++) {
                u.put(row * frame.getStrideU() + col, (byte) 128);
                v.put(row * frame.getStrideV() + col, (byte) 128);
            }
        }
    }

    /** A camera outline (body and lens) with a slash through it, 90 by 60 pixels from {@code x, y}. */
    private static void drawCameraOff(Graphics2D g, int x, int y) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new java.awt.BasicStroke(5, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
        g.drawRoundRect(x, y + 10, 60, 42, 10, 10);
        g.drawPolygon(new int[]{x + 62, x + 88, x + 88}, new int[]{y + 31, y + 14, y + 48}, 3);
        g.setColor(new Color(230, 80, 80));
        g.drawLine(x - 4, y + 60, x + 90, y);
    }

    private static void copyPlane(ByteBuffer from, int fromStride, ByteBuffer to, int toStride, int width,
                                  int height) {
        if (fromStride == toStride) {
            to.put(0, from, 0, fromStride * (height - 1) + width);
            return;
        }
        for (int row = 0; row < height; row++) {
            to.put(row * toStride, from, row * fromStride, width);
        }
    }

    /**
     * Colour bars, the product name and the label (or a crossed-out camera, which reads the same in any language),
     * as B, G, R, A bytes (libyuv's ARGB).
     */
    private static ByteBuffer drawStill(String label) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            Color[] bars = {new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192),
                    new Color(0, 192, 0), new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192)};
            int barWidth = (WIDTH + bars.length - 1) / bars.length;
            for (int i = 0; i < bars.length; i++) {
                g.setColor(bars[i]);
                g.fillRect(i * barWidth, 0, barWidth, HEIGHT);
            }
            g.setColor(new Color(20, 40, 70));
            g.fillRect(0, HEIGHT / 2 - 50, WIDTH, 100);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
            g.drawString("CareCall", 24, HEIGHT / 2 + 10);
            if (label != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
                g.drawString(label, 200, HEIGHT / 2 + 10);
            } else {
                drawCameraOff(g, 220, HEIGHT / 2 - 30);
            }
        } finally {
            g.dispose();
        }
        int[] pixels = image.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH);
        ByteBuffer bgra = ByteBuffer.allocateDirect(pixels.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bgra.asIntBuffer().put(pixels);
        return bgra;
    }
}
