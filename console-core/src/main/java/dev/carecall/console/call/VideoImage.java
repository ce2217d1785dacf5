package dev.carecall.console.call;

import java.nio.ByteBuffer;

/**
 * One frame ready for the screen: BGRA, premultiplied alpha (opaque), {@code width * 4} bytes a row, in a direct
 * buffer suitable for a JavaFX {@code PixelBuffer}. The same buffer object is reused for later frames of the same
 * size, so a view can keep one {@code PixelBuffer} per buffer.
 *
 * @param width  pixels
 * @param height pixels
 * @param bgra   the pixels
 */
public record VideoImage(int width, int height, ByteBuffer bgra) {
}
