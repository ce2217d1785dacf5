package dev.carecall.console.media;

import java.nio.ByteBuffer;

/**
 * One frame ready for the screen: BGRA, premultiplied alpha (opaque), {@code width * 4} bytes a row, in a direct
 * buffer suitable for a JavaFX {@code PixelBuffer}. A feed cycles through at most three buffers (one on screen, one
 * waiting, one being written) and reuses them while the frame size stays, so a view should keep one
 * {@code PixelBuffer} (and image) per buffer object, e.g. in an {@code IdentityHashMap}, instead of making new ones
 * whenever the buffer changes.
 *
 * @param width  pixels
 * @param height pixels
 * @param bgra   the pixels
 */
public record VideoImage(int width, int height, ByteBuffer bgra) {
}
