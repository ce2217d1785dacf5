package dev.carecall.console.fx;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.VideoImage;
import dev.onvoid.webrtc.internal.NativeLoader;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The surface shows the engine's real frame feed with one image per feed buffer, not one per frame. */
class VideoSurfaceTest {

    @BeforeAll
    static void startFx() throws Exception {
        NativeLoader.loadLibrary("webrtc-java"); // in a call the factory loads it; these frames are made without one
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(20, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // the tests close their windows; the next test still needs the toolkit
    }

    @Test
    void framesReuseOneImagePerFeedBufferUntilTheSizeChanges() throws Exception {
        FrameFeed feed = new FrameFeed("test");
        VideoSurface surface = onFx(VideoSurface::new);
        for (int i = 0; i < 30; i++) {
            // Two frames arrive per screen pulse: the feed has to cycle through all of its buffers.
            feed.onVideoFrame(frame(64, 48, i));
            feed.onVideoFrame(frame(64, 48, i + 100));
            VideoImage newest = onFx(feed::acquireLatest);
            onFx(() -> {
                surface.show(newest);
                return null;
            });
        }
        assertEquals(30, onFx(() -> surface.framesShownProperty().get()));
        long made = onFx(surface::imagesMade);
        System.out.println("video surface: 30 frames shown with " + made + " images");
        assertTrue(made >= 2 && made <= 3, "one image per feed buffer (the feed has three), not per frame: " + made);

        feed.onVideoFrame(frame(32, 24, 7));
        VideoImage smaller = onFx(feed::acquireLatest);
        onFx(() -> {
            surface.show(smaller);
            return null;
        });
        assertEquals(made + 1, onFx(surface::imagesMade), "a new size needs a new image");
        assertEquals(32.0, onFx(() -> ((javafx.scene.image.ImageView) surface.getChildrenUnmodifiable().getFirst())
                .getImage().getWidth()));
    }

    @Test
    void eachNewFrameReachesTheRenderedPicture() throws Exception {
        FrameFeed feed = new FrameFeed("test");
        VideoSurface surface = onFx(() -> {
            VideoSurface created = new VideoSurface();
            new Scene(new StackPane(created), 64, 48);
            return created;
        });
        int[] lumas = {40, 120, 200, 60, 180, 90, 210, 30};
        for (int luma : lumas) {
            feed.onVideoFrame(frame(64, 48, luma - 16));
            VideoImage newest = onFx(feed::acquireLatest);
            int grey = onFx(() -> {
                surface.show(newest);
                surface.applyCss();
                surface.layout();
                WritableImage rendered = surface.snapshot(null, null);
                return (int) Math.round(rendered.getPixelReader().getColor(32, 24).getGreen() * 255);
            });
            // BT.601 limited range: luma 16..235 spreads over 0..255.
            int expected = Math.round((luma - 16) * 255f / 219f);
            assertTrue(Math.abs(grey - expected) <= 6, "luma " + luma + ": rendered grey " + grey + ", expected "
                    + expected);
        }
    }

    @Test
    void theFeedScalesFramesToTheSurfaceWhichDrawsThemOneToOne() throws Exception {
        FrameFeed feed = new FrameFeed("test");
        VideoSurface surface = onFx(() -> {
            VideoSurface created = new VideoSurface();
            StackPane root = new StackPane(created);
            showInWindow(root, 320, 240);
            created.show(feed);
            root.resize(320, 240);
            root.applyCss();
            root.layout();
            return created;
        });
        feed.onVideoFrame(frame(1280, 720, 120));
        // The screen pulse the surface asks for takes the frame.
        Awaitility.await("the frame shown").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> surface.framesShownProperty().get()) > 0);
        javafx.scene.image.ImageView view = onFx(() -> {
            surface.layout();
            return (javafx.scene.image.ImageView) surface.getChildrenUnmodifiable().getFirst();
        });
        assertEquals(320.0, onFx(() -> view.getImage().getWidth()), "scaled by the feed to the surface's width");
        assertEquals(180.0, onFx(() -> view.getImage().getHeight()));
        assertEquals(320.0, onFx(() -> view.getBoundsInParent().getWidth()), "drawn at its own size");
        assertEquals(180.0, onFx(() -> view.getBoundsInParent().getHeight()));
        assertEquals(30.0, onFx(() -> view.getBoundsInParent().getMinY()), "centred");
        onFx(() -> {
            surface.stop();
            surface.getScene().getWindow().hide();
            return null;
        });
    }

    @Test
    void aPublishedFrameIsDrawnAndABurstCostsOneDrawOfItsNewestFrame() throws Exception {
        FrameFeed feed = new FrameFeed("test");
        VideoSurface surface = onFx(() -> {
            VideoSurface created = new VideoSurface();
            showInWindow(new StackPane(created), 64, 48);
            created.show(feed);
            return created;
        });
        feed.onVideoFrame(frame(64, 48, 50));
        Awaitility.await("the first frame drawn").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> surface.framesShownProperty().get()) == 1);
        // Published while the FX thread is busy: one draw takes the newest, the two before it are dropped.
        CompletableFuture<Void> release = new CompletableFuture<>();
        Platform.runLater(release::join);
        feed.onVideoFrame(frame(64, 48, 60));
        feed.onVideoFrame(frame(64, 48, 70));
        feed.onVideoFrame(frame(64, 48, 180));
        release.complete(null);
        Awaitility.await("the burst drawn").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> surface.framesShownProperty().get()) >= 2);
        assertEquals(2, onFx(() -> surface.framesShownProperty().get()), "one draw for the burst");
        int grey = onFx(() -> {
            surface.applyCss();
            surface.layout();
            return (int) Math.round(surface.snapshot(null, null).getPixelReader().getColor(32, 24).getGreen() * 255);
        });
        assertTrue(Math.abs(grey - Math.round(180 * 255f / 219f)) <= 6, "the newest frame of the burst: " + grey);
        onFx(() -> {
            surface.stop();
            surface.getScene().getWindow().hide();
            return null;
        });
    }

    @Test
    void aFollowerIsDrawnWithItsLeaderAndAloneWhenTheLeaderShowsNothing() throws Exception {
        FrameFeed remote = new FrameFeed("remote");
        FrameFeed preview = new FrameFeed("preview");
        VideoSurface[] surfaces = onFx(() -> {
            VideoSurface leader = new VideoSurface();
            VideoSurface follower = new VideoSurface();
            showInWindow(new StackPane(leader, follower), 64, 48);
            leader.show(remote);
            follower.drawWith(leader);
            follower.show(preview);
            return new VideoSurface[]{leader, follower};
        });
        // No remote video yet: the preview draws on its own.
        preview.onVideoFrame(frame(32, 24, 40));
        Awaitility.await("the preview alone").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> onFx(() -> surfaces[1].framesShownProperty().get()) == 1);
        for (int i = 0; i < 5; i++) {
            long remoteShown = onFx(() -> surfaces[0].framesShownProperty().get());
            long previewShown = onFx(() -> surfaces[1].framesShownProperty().get());
            preview.onVideoFrame(frame(32, 24, 50 + i));
            remote.onVideoFrame(frame(64, 48, 60 + i));
            // Whether the preview's frame rode along with the remote one or came alone, it reaches the screen.
            Awaitility.await("both drawn").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> onFx(() -> surfaces[0].framesShownProperty().get() > remoteShown
                            && surfaces[1].framesShownProperty().get() > previewShown));
        }
        assertEquals(6, onFx(() -> surfaces[1].framesShownProperty().get()), "every preview frame shown once");
        onFx(() -> {
            surfaces[0].stop();
            surfaces[1].stop();
            surfaces[0].getScene().getWindow().hide();
            return null;
        });
    }

    /** Surfaces draw in their window's screen pulses: a scene without a shown window has none. */
    private static void showInWindow(Parent root, double width, double height) {
        Stage stage = new Stage();
        stage.setScene(new Scene(root, width, height));
        stage.show();
    }

    private static VideoFrame frame(int width, int height, int luma) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        fill(buffer.getDataY(), 16 + luma % 200);
        fill(buffer.getDataU(), 128);
        fill(buffer.getDataV(), 128);
        return new VideoFrame(buffer, System.nanoTime());
    }

    private static void fill(ByteBuffer plane, int value) {
        while (plane.hasRemaining()) {
            plane.put((byte) value);
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(20, TimeUnit.SECONDS);
    }
}
