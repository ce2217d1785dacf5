package dev.carecall.console.fx;

import dev.carecall.console.call.VideoFeed;
import dev.carecall.console.call.VideoImage;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import java.nio.ByteBuffer;

/**
 * Shows a {@link VideoFeed} without copying pixels in Java: each frame's direct BGRA buffer is wrapped once in a
 * {@link PixelBuffer} and the image shares it; on every screen pulse only the newest frame is taken, so a slow
 * screen drops frames instead of building a backlog. The picture keeps its aspect ratio inside the region.
 */
public final class VideoSurface extends Region {
    private final ImageView view = new ImageView();
    private final ReadOnlyLongWrapper framesShown = new ReadOnlyLongWrapper(this, "framesShown");
    private final AnimationTimer pulse;
    private VideoFeed feed;
    private PixelBuffer<ByteBuffer> pixels;
    private ByteBuffer wrapped;

    public VideoSurface() {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        getChildren().add(view);
        getStyleClass().add("video-surface");
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                showNewest();
            }
        };
    }

    /** Starts showing {@code source} (null shows nothing). FX thread. */
    public void show(VideoFeed source) {
        feed = source;
        if (source == null) {
            pulse.stop();
        } else {
            pulse.start();
        }
    }

    /** Stops pulling frames; the last picture stays. FX thread. */
    public void stop() {
        pulse.stop();
        feed = null;
    }

    /** Frames put on screen so far; tests watch it rise. */
    public ReadOnlyLongProperty framesShownProperty() {
        return framesShown.getReadOnlyProperty();
    }

    /** Clears the picture (e.g. the camera was turned off), so no frozen frame is mistaken for live video. */
    public void clear() {
        view.setImage(null);
        pixels = null;
        wrapped = null;
    }

    private void showNewest() {
        VideoFeed source = feed;
        VideoImage frame = source == null ? null : source.acquireLatest();
        if (frame == null) {
            return;
        }
        // The engine reuses one buffer per frame size: a new buffer (or size) needs a new PixelBuffer, the same
        // buffer only needs JavaFX to re-read it.
        if (pixels == null || wrapped != frame.bgra() || pixels.getWidth() != frame.width()
                || pixels.getHeight() != frame.height()) {
            wrapped = frame.bgra();
            pixels = new PixelBuffer<>(frame.width(), frame.height(), frame.bgra(),
                    PixelFormat.getByteBgraPreInstance());
            view.setImage(new WritableImage(pixels));
            requestLayout();
        } else {
            pixels.updateBuffer(buffer -> null);
        }
        framesShown.set(framesShown.get() + 1);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        view.setFitWidth(width);
        view.setFitHeight(height);
        double shownWidth = view.prefWidth(-1);
        double shownHeight = view.prefHeight(-1);
        view.relocate(snappedLeftInset() + (width - shownWidth) / 2, snappedTopInset() + (height - shownHeight) / 2);
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
