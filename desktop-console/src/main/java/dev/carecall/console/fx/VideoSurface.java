package dev.carecall.console.fx;

import dev.carecall.console.media.VideoFeed;
import dev.carecall.console.media.VideoImage;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shows a {@link VideoFeed} without copying pixels in Java: the feed cycles through a few direct BGRA buffers, and
 * each buffer is wrapped once in a {@link PixelBuffer} with its own {@link WritableImage}. A frame in a buffer seen
 * before only needs {@link PixelBuffer#updateBuffer} (JavaFX re-reads it) and, if another buffer was on screen, that
 * buffer's image; no image is made per frame. The feed says when a frame is published and the surface then asks for
 * the next screen pulse, in which it takes only the newest frame: a slow screen drops frames instead of building a
 * backlog, JavaFX pulses only when there is a new picture (a 60 Hz timer would keep it pulsing between frames), and
 * a frame costs the FX thread one wake-up (the pulse), not two (a {@code runLater} and then the pulse it causes).
 * Frames are drawn only while the surface is in a showing window. The picture keeps its aspect ratio inside the
 * region.
 *
 * <p>The surface tells the feed the size it shows the picture at ({@link VideoFeed#fitWithin}), so frames arrive
 * already scaled (by libyuv, off the FX thread) and are drawn one to one: JavaFX's software pipeline, which a PC
 * without a usable GPU runs, would otherwise interpolate every pixel of every frame on its render thread.
 */
public final class VideoSurface extends Region {
    /** A feed uses three buffers; more distinct buffers than this at one size means it does not reuse them. */
    private static final int MAX_BUFFERS = 4;
    /** A leader that drew this recently draws again soon: a follower's frame waits for it (a few frames at 15 fps). */
    private static final long LEADER_ACTIVE_NANOS = 100_000_000;

    private final ImageView view = new ImageView();
    private final ReadOnlyLongWrapper framesShown = new ReadOnlyLongWrapper(this, "framesShown");
    /** True from a feed's "published" until a screen pulse has taken the newest frame. */
    private final AtomicBoolean drawRequested = new AtomicBoolean();
    private final Runnable pulse = this::drawIfPublished;
    private final Runnable published = this::requestDraw;
    /** Keyed by buffer identity (a ByteBuffer's equals/hashCode look at its content); all of one frame size. */
    private final Map<ByteBuffer, Shown> images = new IdentityHashMap<>();
    /** Surfaces whose frames are taken along whenever this one draws (FX thread). */
    private final List<VideoSurface> followers = new ArrayList<>();
    private volatile VideoSurface leader;
    /** When this surface last put a frame on screen (System.nanoTime), read by followers' feed threads. */
    private volatile long lastDrawn = Long.MIN_VALUE / 2;
    private VideoFeed feed;
    private int width;
    private int height;
    private long imagesMade;

    /** One feed buffer as JavaFX sees it. */
    private record Shown(PixelBuffer<IntBuffer> pixels, WritableImage image) {
    }

    public VideoSurface() {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        getChildren().add(view);
        getStyleClass().add("video-surface");
        sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(pulse);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(pulse);
            }
        });
    }

    /** Starts showing {@code source} (null shows nothing). FX thread. */
    public void show(VideoFeed source) {
        stop();
        feed = source;
        if (source != null) {
            source.onPublished(published);
            requestDraw(); // a frame may be waiting already
            requestLayout(); // tells the feed the picture's size
        }
    }

    /**
     * Draws this surface's frames together with {@code leader}'s while the leader shows video, and on its own only
     * when the leader has not drawn for a moment. On a software-rendered screen every drawn frame repaints and hands
     * over the whole window, whatever changed; the own preview at 15 fps beside the patient's video at 30 would
     * otherwise add a repaint of its own for most of its frames. FX thread, before {@link #show(VideoFeed)}.
     */
    public void drawWith(VideoSurface leader) {
        this.leader = leader;
        leader.followers.add(this);
    }

    /** Stops taking frames; the last picture stays. FX thread. */
    public void stop() {
        if (feed != null) {
            feed.onPublished(null);
        }
        feed = null;
    }

    /** Frames put on screen so far; tests watch it rise. */
    public ReadOnlyLongProperty framesShownProperty() {
        return framesShown.getReadOnlyProperty();
    }

    /** Clears the picture (e.g. the camera was turned off), so no frozen frame is mistaken for live video. */
    public void clear() {
        view.setImage(null);
        images.clear();
    }

    /** How many images this surface has made so far: one per feed buffer and frame size, not one per frame. */
    long imagesMade() {
        return imagesMade;
    }

    /** From the feed's thread: one pulse request is enough, the pulse takes the newest frame. */
    private void requestDraw() {
        VideoSurface lead = leader;
        if (lead != null && System.nanoTime() - lead.lastDrawn < LEADER_ACTIVE_NANOS) {
            return; // the leader's next draw takes this frame along
        }
        if (drawRequested.compareAndSet(false, true)) {
            Platform.requestNextPulse(); // any thread
        }
    }

    /** Every pulse of the scene, before its layout: cheap unless a frame was published since the last one. */
    private void drawIfPublished() {
        if (drawRequested.get()) {
            drawNewest();
        }
    }

    private void drawNewest() {
        // Cleared before taking the frame: a frame published from now on asks for another draw.
        drawRequested.set(false);
        VideoFeed source = feed;
        VideoImage frame = source == null ? null : source.acquireLatest();
        if (frame != null) {
            show(frame);
            lastDrawn = System.nanoTime();
        }
        for (VideoSurface follower : followers) {
            follower.drawNewest();
        }
    }

    /** Puts one frame on screen. FX thread; the frame's buffer is not written until the feed is asked again. */
    void show(VideoImage frame) {
        if (frame.width() != width || frame.height() != height || images.size() >= MAX_BUFFERS
                && !images.containsKey(frame.bgra())) {
            // A new size means new buffers: the old ones are the feed's garbage now, so are their images.
            images.clear();
            width = frame.width();
            height = frame.height();
        }
        Shown shown = images.get(frame.bgra());
        if (shown == null) {
            // Ints, not bytes: the software pipeline's textures are IntArgbPre, and it converted every pixel of
            // every frame from BGRA bytes on its render thread (the largest part of drawing a frame).
            PixelBuffer<IntBuffer> pixels = new PixelBuffer<>(frame.width(), frame.height(), frame.argb(),
                    PixelFormat.getIntArgbPreInstance());
            shown = new Shown(pixels, new WritableImage(pixels));
            images.put(frame.bgra(), shown);
            imagesMade++;
        } else {
            // The feed wrote new pixels into this buffer since it was last shown: JavaFX must upload it again.
            shown.pixels().updateBuffer(buffer -> null);
        }
        if (view.getImage() != shown.image()) {
            boolean resized = view.getImage() == null || view.getImage().getWidth() != frame.width()
                    || view.getImage().getHeight() != frame.height();
            view.setImage(shown.image());
            if (resized) {
                requestLayout();
            }
        }
        framesShown.set(framesShown.get() + 1);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double scaleX = outputScale(true);
        double scaleY = outputScale(false);
        VideoFeed source = feed;
        if (source != null) {
            source.fitWithin((int) Math.floor(width * scaleX), (int) Math.floor(height * scaleY));
        }
        double shownWidth = width;
        double shownHeight = height;
        Image image = view.getImage();
        if (image != null && image.getWidth() > 0 && image.getHeight() > 0) {
            double fit = Math.min(width * scaleX / image.getWidth(), height * scaleY / image.getHeight());
            shownWidth = image.getWidth() * fit / scaleX;
            shownHeight = image.getHeight() * fit / scaleY;
            // A frame the feed scaled for this size (it rounds to even pixels) is drawn one to one, not stretched by
            // a pixel or two, which would make the software pipeline interpolate the whole picture again.
            if (Math.abs(shownWidth * scaleX - image.getWidth()) <= 2
                    && Math.abs(shownHeight * scaleY - image.getHeight()) <= 2) {
                shownWidth = image.getWidth() / scaleX;
                shownHeight = image.getHeight() / scaleY;
            }
        }
        view.setFitWidth(shownWidth);
        view.setFitHeight(shownHeight);
        view.relocate(snapPositionX(snappedLeftInset() + (width - shownWidth) / 2),
                snapPositionY(snappedTopInset() + (height - shownHeight) / 2));
    }

    /** Device pixels per layout unit of the window showing this surface (1 before it is shown). */
    private double outputScale(boolean horizontal) {
        if (getScene() == null || getScene().getWindow() == null) {
            return 1;
        }
        double scale = horizontal ? getScene().getWindow().getOutputScaleX() : getScene().getWindow().getOutputScaleY();
        return scale > 0 ? scale : 1;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 180;
    }
}
