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
        assertFalse(XDisplay.reachable(""));
        assertFalse(XDisplay.reachable("nonsense"));
        assertFalse(XDisplay.reachable(":x"));
        assertFalse(XDisplay.reachable(":-1"));
    }

    @Test
    void aLocalDisplayWithoutAServerIsUnreachable() {
        assertFalse(XDisplay.reachable(":59123"));
        assertFalse(XDisplay.reachable("unix:59123.0"));
    }

    @Test
    void theRunningDisplayIsReachable() {
        String display = System.getenv("DISPLAY");
        Assumptions.assumeTrue(display != null && display.startsWith(":"), "needs a local X display (Xvfb)");
        assertTrue(XDisplay.reachable(display), display);
        assertTrue(XDisplay.reachable(display + ".0"), display + ".0");
    }

    @Test
    void aTcpDisplayIsReachedAtPort6000PlusItsNumber() throws IOException {
        try (ServerSocket listening = openAbove6000()) {
            Assumptions.assumeTrue(listening != null, "no free port between 6000 and 6100");
            int number = listening.getLocalPort() - 6000;
            assertTrue(XDisplay.reachable("127.0.0.1:" + number + ".0"));
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
