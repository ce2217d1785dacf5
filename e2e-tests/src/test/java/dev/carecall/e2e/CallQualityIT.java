package dev.carecall.e2e;

import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallQuality;
import dev.carecall.console.call.QualityView;
import dev.carecall.console.call.QualityViewModel;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.e2e.browser.NetworkNamespace;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.QualityLevel;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.carecall.e2e.Consultation.newAppointment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live call quality on both sides while the patient's network goes bad and comes back, with the patient behind a
 * NAT ({@link BehindNat}: Chromium in a network namespace of the test's own, {@code qua1}; the console's call engine
 * on this machine). The patient's link then loses 15 % of its packets both ways (nftables) and its upload
 * is capped at 150 kbit/s (tc tbf): the page must say "poor" and blame the patient's own connection, the console
 * "poor" and blame the patient's; with the link restored both go back to good. The console's quality chart, fed by
 * the engine as in the call view, is photographed after the change; the call's stored summary shows time at poor
 * on both sides. Times are printed, not asserted.
 */
class CallQualityIT {
    /**
     * The patient's private network 192.168.232.0/24 (PatientBehindNatIT uses .231), in the namespace {@code qua1}
     * ({@code -Dcarecall.quality.namespace} and {@code -Dcarecall.quality.subnet} give others, so that two runs on
     * one machine do not meet).
     */
    private static final int SUBNET = Integer.getInteger("carecall.quality.subnet", 232);
    private static final String NAMESPACE = System.getProperty("carecall.quality.namespace", "qua1");
    private static final int LOSS_PERCENT = 15;
    private static final int UPLOAD_KBIT = 150;
    /** Generous: the machine is shared and loaded; the figures printed are the measurements. */
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Who Consultation.newAppointment books. */
    private static final String PATIENT = "Maria Silva";

    @TempDir
    static Path dir;
    private static BehindNat patient;
    private static NetworkNamespace network;
    private static PatientBrowser page;

    @BeforeAll
    static void start() {
        patient = BehindNat.start(NAMESPACE, SUBNET, dir);
        network = patient.network;
        page = patient.page;
    }

    @AfterAll
    static void stop() {
        if (patient != null) {
            patient.close();
        }
    }

    @Test
    void aWeakPatientNetworkIsPoorOnBothScreensWithThePatientBlamedAndGoodAgainOnceRestored() throws Exception {
        long id = newAppointment(patient.server);
        QualityViewModel chart = startFx(PATIENT);
        try (DoctorSide doctor = Consultation.doctor(patient.server, id)) {
            Latest latest = new Latest();
            doctor.engine.addListener(new CallListener() {
                @Override
                public void qualityChanged(CallQuality quality) {
                    latest.doctor = quality;
                    Platform.runLater(() -> chart.update(quality));
                }
            });
            patient.connect(id, doctor, WAIT, "quality");

            long t0 = System.nanoTime();
            Verdicts good = awaitBoth(latest, QualityLevel.GOOD, null, "both sides good on a clean link");
            System.out.printf("[quality] clean link: page %s, console %s after %d ms%n", good.page(), good.doctor(),
                    millisSince(t0));

            long degradedAt = System.nanoTime();
            network.degradeLink(LOSS_PERCENT, UPLOAD_KBIT);
            Verdicts poor = awaitBoth(latest, QualityLevel.POOR, true,
                    "both sides poor with the patient's side blamed");
            long poorAfter = millisSince(degradedAt);
            page.screenshot("quality-poor");
            System.out.printf("[quality] %d %% loss and %d kbit/s upload on the patient's link: page %s (\"%s\"),"
                            + " console %s after %d ms; figures: page %s; console %s, patient's report %s%n",
                    LOSS_PERCENT, UPLOAD_KBIT, poor.page(), page.visibleText("quality-reason"), poor.doctor(),
                    poorAfter, pageQuality().get("figures"), latest.doctor.mine(), latest.doctor.theirs());

            long restoredAt = System.nanoTime();
            network.restoreQuality();
            Verdicts back = awaitBoth(latest, QualityLevel.GOOD, null, "both sides good again");
            System.out.printf("[quality] link restored: page %s, console %s after %d ms%n", back.page(),
                    back.doctor(), millisSince(restoredAt));

            Path shot = snapshot(chart, "quality-chart");
            System.out.println("[quality] the console's chart: " + shot.toAbsolutePath());

            doctor.engine.endCall();
            doctor.awaitPhase(CallPhase.ENDED);
            Map<String, Integer> secondsPoor = storedSecondsPoor(id);
            System.out.println("[quality] stored summary, seconds at poor per side: " + secondsPoor);
            assertTrue(secondsPoor.getOrDefault("doctor", 0) > 0, secondsPoor.toString());
            assertTrue(secondsPoor.getOrDefault("patient", 0) > 0, secondsPoor.toString());
        }
    }

    /** What each side said last. */
    private static final class Latest {
        volatile CallQuality doctor;
    }

    record Verdicts(String page, String doctor) {
    }

    /**
     * Waits until both sides show this level; with {@code blamePatient} true, the page must name its own side and
     * the console the other side (the patient's), never the path between them.
     */
    private static Verdicts awaitBoth(Latest latest, QualityLevel level, Boolean blamePatient, String what) {
        return Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Object> p = pageQuality();
            CallQuality d = latest.doctor;
            if (p == null || d == null || !level.wireName().equals(p.get("level")) || d.level() != level) {
                return null;
            }
            String pageReason = String.valueOf(p.get("reason"));
            if (Boolean.TRUE.equals(blamePatient)
                    && !(pageReason.startsWith("own_") && d.reason().name().startsWith("OTHER_"))) {
                return null;
            }
            return new Verdicts(p.get("level") + "/" + pageReason, d.level().wireName() + "/"
                    + d.reason().wireName());
        }, v -> v != null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pageQuality() {
        return (Map<String, Object>) page.script("return window.carecall.quality();");
    }

    /** The console's quality panel as the call view shows it, fed by the engine's reports on the FX thread. */
    private static QualityViewModel startFx(String patientName) throws Exception {
        try {
            Platform.startup(() -> {
            });
        } catch (IllegalStateException alreadyRunning) {
            // another test of this JVM started it
        }
        Platform.setImplicitExit(false);
        return onFx(() -> new QualityViewModel(Texts.of(Language.ENGLISH), patientName,
                new QualityViewModel.Camera() {
                    @Override
                    public boolean isOn() {
                        return true;
                    }

                    @Override
                    public void turnOff(String why) {
                        // the suggestion only: the doctor's setting is off here
                    }
                }));
    }

    /** Opens the panel from its indicator, as the doctor does, and writes its picture to the screenshots folder. */
    private static Path snapshot(QualityViewModel model, String name) throws Exception {
        WritableImage image = onFx(() -> {
            QualityView view = new QualityView(model);
            view.togglePanel();
            VBox box = new VBox(8, view.indicator(), view.reason(), view.suggestion(), view.panel());
            box.setStyle("-fx-padding: 12; -fx-background-color: #15202b;");
            Scene scene = new Scene(box, 640, 760);
            return scene.snapshot(null);
        });
        Path file = PatientBrowser.SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the FX thread shares two loaded cores
    }

    /** Seconds at poor per side, from the call's stored quality summary. */
    private static Map<String, Integer> storedSecondsPoor(long appointmentId) throws SQLException {
        Map<String, Integer> seconds = new LinkedHashMap<>();
        try (Connection c = patient.database();
             PreparedStatement q = c.prepareStatement("SELECT q.role, q.seconds_poor, q.reports FROM call_quality q"
                     + " JOIN call_sessions s ON s.id = q.session_id WHERE s.appointment_id = ? ORDER BY q.role")) {
            q.setLong(1, appointmentId);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    seconds.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return seconds;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
