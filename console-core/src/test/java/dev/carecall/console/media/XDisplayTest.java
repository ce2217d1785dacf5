package dev.carecall.console.media;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check that keeps webrtc's X11 capturer away from displays that would crash it. */
class XDisplayTest {

    @Test
    void namesThatAreNoDisplayAreUnreachable() {
        assertFalse(LocalMedia.xDisplayReachable(""));
        assertFalse(LocalMedia.xDisplayReachable("nonsense"));
        assertFalse(LocalMedia.xDisplayReachable(":x"));
        assertFalse(LocalMedia.xDisplayReachable(":-1"));
    }

    @Test
    void aLocalDisplayWithoutAServerIsUnreachable() {
        assertFalse(LocalMedia.xDisplayReachable(":59123"));
        assertFalse(LocalMedia.xDisplayReachable("unix:59123.0"));
    }

    @Test
    void theRunningDisplayIsReachable() {
        String display = System.getenv("DISPLAY");
        Assumptions.assumeTrue(display != null && display.startsWith(":"), "needs a local X display (Xvfb)");
        assertTrue(LocalMedia.xDisplayReachable(display), display);
        assertTrue(LocalMedia.xDisplayReachable(display + ".0"), display + ".0");
    }

    @Test
    void aTcpDisplayIsReachedAtPort6000PlusItsNumber() throws IOException {
        try (ServerSocket listening = openAbove6000()) {
            Assumptions.assumeTrue(listening != null, "no free port between 6000 and 6100");
            int number = listening.getLocalPort() - 6000;
            assertTrue(LocalMedia.xDisplayReachable("127.0.0.1:" + number + ".0"));
        }
    }

    private static ServerSocket openAbove6000() {
        // X over TCP listens at 6000 + display number; the test takes whatever such port is free.
        for (int port = 6050; port < 6100; port++) {
            try {
                return new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
            } catch (IOException taken) {
                // next one
            }
        }
        return null;
    }
}
