package dev.carecall.console.media;

import dev.onvoid.webrtc.internal.NativeObject;
import dev.onvoid.webrtc.internal.RefCountedObject;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drops the native reference that some webrtc-java 0.14.0 wrappers hold and never give back.
 *
 * <p>{@code PeerConnectionFactory.createPeerConnection}, {@code RTCPeerConnection.addTrack} and
 * {@code PeerConnectionFactory.createAudioSource} hand Java an object that owns one reference to its native
 * counterpart, but offer no {@code dispose()}; {@code RTCPeerConnection.close()} forgets its handle without
 * releasing it. Each call would leak its peer connection and, through it, the senders, tracks and the whole media
 * engine of its factory. All those natives derive from webrtc's {@code RefCountInterface} first, so the library's
 * own generic {@code RefCountedObject.release()} releases them correctly when pointed at their handle.
 */
public final class NativeRefs {
    private static final Logger LOG = Logger.getLogger(NativeRefs.class.getName());
    private static final Field HANDLE;

    static {
        try {
            HANDLE = NativeObject.class.getDeclaredField("nativeHandle");
            HANDLE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeRefs() {
    }

    /** The native handle of a wrapper (0 once released), read before a call such as {@code close()} clears it. */
    public static long handle(NativeObject object) {
        try {
            return object == null ? 0 : HANDLE.getLong(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the reference a wrapper owns and clears its handle so nothing uses it again. */
    public static void release(NativeObject object) {
        long handle = handle(object);
        if (handle == 0) {
            return;
        }
        release(handle);
        try {
            HANDLE.setLong(object, 0);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases one reference to a native {@code RefCountInterface} object. */
    public static void release(long handle) {
        if (handle == 0) {
            return;
        }
        try {
            Releaser releaser = new Releaser();
            HANDLE.setLong(releaser, handle);
            releaser.release();
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot release a native reference", e);
        }
    }

    /** The library's generic reference holder, used only to reach its native {@code release()}. */
    private static final class Releaser extends RefCountedObject {
    }
}
