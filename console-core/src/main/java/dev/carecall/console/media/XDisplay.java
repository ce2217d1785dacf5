package dev.carecall.console.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Whether the screen can be captured here. webrtc's X11 capturer crashes the JVM natively when there is no X display,
 * or when {@code DISPLAY} names one that does not answer; so the display is reached first. Wayland sessions go
 * through the desktop portal, and Windows and macOS always have a screen.
 */
final class XDisplay {
    /**
     * The X display the capture would use: {@code DISPLAY}, or for tests the system property {@value #PROPERTY}
     * (the environment of a running JVM cannot be changed, and the check is what is under test).
     */
    static final String PROPERTY = "carecall.screenShare.display";
    private static final Logger LOG = Logger.getLogger(XDisplay.class.getName());

    private XDisplay() {
    }

    /** True when screen capture can start without risking the JVM. */
    static boolean captureAvailable() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        String display = System.getProperty(PROPERTY, System.getenv("DISPLAY"));
        if (display == null || display.isBlank()) {
            return System.getenv("WAYLAND_DISPLAY") != null && System.getProperty(PROPERTY) == null;
        }
        boolean reachable = reachable(display);
        if (!reachable) {
            LOG.warning(() -> "no X server answers at DISPLAY=" + display + "; screen sharing is off");
        }
        return reachable;
    }

    /**
     * Whether an X server accepts a connection at {@code display} ({@code :0}, {@code :1.0}, {@code unix:2},
     * {@code host:10.0}): the local socket {@code /tmp/.X11-unix/X<n>}, or TCP port 6000+n on a named host.
     */
    static boolean reachable(String display) {
        int colon = display.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String host = display.substring(0, colon);
        String number = display.substring(colon + 1);
        int dot = number.indexOf('.');
        if (dot >= 0) {
            number = number.substring(0, dot);
        }
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return false;
        }
        if (n < 0 || n > 59_535) {
            return false;
        }
        if (host.isEmpty() || host.equals("unix")) {
            Path socket = Path.of("/tmp/.X11-unix", "X" + n);
            if (!Files.exists(socket)) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return false;
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, 6000 + n), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
