package dev.carecall.console.testing;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers for the real window: waiting for what a user would see, and screenshots for a person to look at. */
public final class Screens {
    private Screens() {
    }

    /** Waits until {@code condition} holds (checked on the FX thread), failing with {@code what} after the timeout. */
    public static void waitUntil(String what, long seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + seconds + " s waiting until " + what, e);
        }
    }

    /** Runs on the FX thread and returns the result. */
    public static <T> T onFx(Callable<T> action) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(action));
    }

    /**
     * Scrolls the scene's scroll pane to its top (0) or its end (1), as a person would with the scroll bar, so that
     * what lies below the fold can be clicked and photographed.
     */
    public static void scroll(Scene scene, double where) {
        onFx(() -> {
            ScrollPane page = (ScrollPane) scene.getRoot().lookup(".scroll-pane");
            page.layout();
            page.setVvalue(page.getVmin() + where * (page.getVmax() - page.getVmin()));
            return null;
        });
    }

    /** Saves the scene as {@code target/screenshots/<name>.png}. */
    public static Path screenshot(Scene scene, String name) {
        Path dir = Path.of(System.getProperty("carecall.screenshots", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        WritableImage image = onFx(() -> scene.snapshot(null));
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            Files.createDirectories(dir);
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
