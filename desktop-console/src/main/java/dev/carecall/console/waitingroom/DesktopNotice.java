package dev.carecall.console.waitingroom;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.lang.System.Logger.Level;

/**
 * The operating system's notification through AWT's {@link SystemTray}, where the desktop has one: the doctor who
 * works in another window (the patient record) sees "Maria Schneider is waiting" there. Where there is no tray
 * (some Linux desktops, a build machine) this does nothing; the console's own banner always shows.
 */
public final class DesktopNotice {
    private static final System.Logger LOG = System.getLogger(DesktopNotice.class.getName());
    private TrayIcon icon;
    private boolean unavailable;

    /** Shows the notification, on AWT's thread; returns at once. */
    public void show(String title, String text) {
        EventQueue.invokeLater(() -> {
            // The thread boundary: whatever AWT throws here must not reach the console.
            try {
                TrayIcon tray = icon();
                if (tray != null) {
                    tray.displayMessage(title, text, TrayIcon.MessageType.INFO);
                }
            } catch (RuntimeException e) {
                unavailable = true;
                LOG.log(Level.WARNING, "desktop notification failed", e);
            }
        });
    }

    /** Whether this desktop offers a tray to notify through. */
    public static boolean supported() {
        try {
            return SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private TrayIcon icon() {
        if (icon != null || unavailable) {
            return icon;
        }
        if (!supported()) {
            unavailable = true;
            return null;
        }
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x0b6b66));
        g.fillOval(1, 1, 14, 14);
        g.dispose();
        TrayIcon created = new TrayIcon(image, "CareCall");
        created.setImageAutoSize(true);
        try {
            SystemTray.getSystemTray().add(created);
        } catch (AWTException e) {
            unavailable = true;
            LOG.log(Level.INFO, "no system tray here; the console's banner is the notice", e);
            return null;
        }
        icon = created;
        return icon;
    }
}
