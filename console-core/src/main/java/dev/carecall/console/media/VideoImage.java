package dev.carecall.console.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * One frame ready for the screen: BGRA, premultiplied alpha (opaque), {@code width * 4} bytes a row, in a direct
 * buffer suitable for a JavaFX {@code PixelBuffer}. A feed cycles through at most three buffers (one on screen, one
 * waiting, one being written) and reuses them while the frame size stays, so a view should keep one
 * {@code PixelBuffer} (and image) per buffer object, e.g. in an {@code IdentityHashMap}, instead of making new ones
 * whenever the buffer changes.
 *
 * <p>{@link #argb()} shows the same memory as one {@code int} per pixel, {@code 0xAARRGGBB}: JavaFX's
 * {@code IntArgbPre}, the format its software pipeline keeps textures in, so handing it this view lets it copy a
 * frame as it is instead of converting every pixel from bytes.
 *
 * @param width  pixels
 * @param height pixels
 * @param bgra   the pixels as bytes
 * @param argb   the same pixels as ints (a view of {@code bgra}, made once per buffer)
 */
public record VideoImage(int width, int height, ByteBuffer bgra, IntBuffer argb) {

    /** An image over {@code bgra}, with its int view. */
    public VideoImage(int width, int height, ByteBuffer bgra) {
        // B, G, R, A in memory is 0xAARRGGBB read little-endian, whatever the machine's own order.
        this(width, height, bgra, bgra.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer());
    }
}
