package dev.carecall.console;

import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.appointments.AppointmentItem;
import dev.carecall.console.appointments.AppointmentListView;
import dev.carecall.console.appointments.AppointmentListViewModel;
import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.CallView;
import dev.carecall.console.call.CallViewModel;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.connectivity.ConnectionTestView;
import dev.carecall.console.connectivity.ConnectionTestViewModel;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.Theme;
import dev.carecall.console.history.CallHistoryView;
import dev.carecall.console.history.CallHistoryViewModel;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.console.settings.SettingsView;
import dev.carecall.console.settings.SettingsViewModel;
import dev.carecall.console.waitingroom.Alerts;
import dev.carecall.console.waitingroom.AudioClipKnock;
import dev.carecall.console.waitingroom.DesktopNotice;
import dev.carecall.console.waitingroom.KnockSettings;
import dev.carecall.console.waitingroom.KnockSound;
import dev.carecall.console.signin.SignInView;
import dev.carecall.console.signin.SignInViewModel;
import dev.carecall.protocol.Role;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The console's one window and the way between its screens: sign-in, appointment list, call, call history, settings. Each screen
 * is a view with its view-model, built fresh when shown; the shell closes what the previous one opened.
 */
public final class ConsoleShell implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsoleShell.class.getName());
    private final Stage stage;
    private final ConsoleConfig config;
    private final Supplier<MediaSettings> media;
    private final SSLContext ssl;
    /** The clinic's CA file when it cannot be read, else null. */
    private final String unreadableCertificate;
    private final Scene scene;
    private Texts texts;
    private AutoCloseable current;
    /** What a patient's knock sets off besides the banner; tests put in a sound player they can watch. */
    private KnockSound knockSound = new AudioClipKnock();
    private final DesktopNotice desktopNotice = new DesktopNotice();

    /**
     * @param stage  the window
     * @param config the configuration
     * @param media  the media settings of the next call, asked at each call so a settings change applies at once
     */
    public ConsoleShell(Stage stage, ConsoleConfig config, Supplier<MediaSettings> media) {
        this.stage = stage;
        this.config = config;
        this.media = media;
        this.texts = Texts.of(Language.choose(config.language(), Locale.getDefault()));
        SSLContext context;
        String unreadable = null;
        try {
            context = TlsTrust.sslContext(config.caCertificate());
        } catch (IllegalStateException e) {
            // The console must still open: a public certificate may work, and the doctor must read what is wrong.
            LOG.log(Level.WARNING, "Cannot use tls.caCertificate", e);
            unreadable = String.valueOf(config.caCertificate().orElse(null));
            context = defaultContext();
        }
        this.ssl = context;
        this.unreadableCertificate = unreadable;
        this.scene = new Scene(new Pane(), 1280, 800);
        scene.getStylesheets().add(Theme.stylesheet());
    }

    /** Shows the window with the sign-in screen. */
    public void start() {
        stage.setTitle(texts.get("app.title", ConsoleVersion.get()));
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.setScene(scene);
        showSignIn(unreadableCertificate == null ? null
                : texts.get("app.certificateUnreadable", unreadableCertificate));
        stage.show();
    }

    /** The sign-in screen, with a message (e.g. why the doctor is back here) or null. */
    public void showSignIn(String message) {
        SignInViewModel model = new SignInViewModel(config, ssl, ConsoleVersion.get(), message, texts,
                this::showAppointments);
        show(new SignInView(model).root(), null);
        model.checkServer();
    }

    /** The signed-in doctor's appointments. */
    public void showAppointments(DoctorSession session) {
        AppointmentListViewModel model = new AppointmentListViewModel(session, texts, this::showSignIn, alerts());
        show(new AppointmentListView(model, item -> openCall(session, item), item -> showHistory(session, item),
                () -> showSettings(session), () -> signOut(session)).root(), model);
        model.open();
    }

    /** The past calls of one appointment: timeline, quality and chat of each. */
    public void showHistory(DoctorSession session, AppointmentItem item) {
        showHistory(session, item.id(), item.patientName());
    }

    /** The past calls of one appointment, by its id and its patient's name. */
    public void showHistory(DoctorSession session, long appointmentId, String patientName) {
        CallHistoryViewModel model = new CallHistoryViewModel(session, texts, appointmentId, patientName,
                this::showSignIn);
        show(new CallHistoryView(model, () -> showAppointments(session)).root(), model);
        model.load();
    }

    /** The call of one appointment: Start Call, or Join Call when the patient is already waiting. */
    public void openCall(DoctorSession session, AppointmentItem item) {
        boolean join = item.patientWaiting();
        CallEngine engine;
        try {
            engine = WebRtcCallEngine.create(new CallSettings(session.webSocketBaseUri(), item.id(),
                    session.token(), Role.DOCTOR, media.get(), session.api().tls(), config.relayOnly()));
        } catch (RuntimeException | LinkageError e) {
            // E.g. the native WebRTC library cannot load on this computer: stay on the list and say so.
            LOG.log(Level.SEVERE, "Cannot create the call engine", e);
            if (current instanceof AppointmentListViewModel list) {
                list.showProblem(texts.get("app.callCannotStart"));
            }
            return;
        }
        CallViewModel model = new CallViewModel(session, texts, item.id(), item.patientName(), join, engine,
                () -> showAppointments(session));
        model.autoCameraOff(config.autoVideoOff());
        CallView view = new CallView(model);
        show(view.root(), () -> {
            view.stop();
            model.close();
        });
        model.open();
    }

    /** Plays the knock with this player from now on (the console's own is javafx-media's AudioClip). */
    public void useKnockSound(KnockSound sound) {
        this.knockSound = sound;
    }

    private Alerts alerts() {
        return new Alerts(knockSound, () -> KnockSettings.from(config), desktopNotice);
    }

    /** The device and language settings. */
    public void showSettings(DoctorSession session) {
        settings(session);
    }

    private SettingsViewModel settings(DoctorSession session) {
        SettingsViewModel model = new SettingsViewModel(config, texts, language -> changeLanguage(session, language),
                alerts());
        ConnectionTestViewModel test = new ConnectionTestViewModel(new ConnectivityCheck(session.api()),
                session.token(), texts);
        show(new SettingsView(model, new ConnectionTestView(test).root(), () -> showAppointments(session)).root(),
                null);
        model.load();
        return model;
    }

    /** A new language was saved: every screen from now on speaks it, starting with the settings shown again. */
    private void changeLanguage(DoctorSession session, Language language) {
        texts = Texts.of(language);
        stage.setTitle(texts.get("app.title", ConsoleVersion.get()));
        settings(session).confirmSaved();
    }

    /**
     * Back to the sign-in screen at once; the server is told in the background, so the token stops working there
     * too (a sign-out that cannot reach the server still leaves this console signed out).
     */
    private void signOut(DoctorSession session) {
        showSignIn(null);
        Fx.background(() -> {
            session.api().logout(session.token());
            return null;
        }, done -> { }, failure -> LOG.log(Level.WARNING, "Signing out on the server failed", failure));
    }

    private void show(Parent root, AutoCloseable owner) {
        closeCurrent();
        current = owner;
        scene.setRoot(root);
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the previous screen failed", e);
            }
            current = null;
        }
    }

    /** Closes the open screen's sockets and calls; the window itself closes with the application. */
    @Override
    public void close() {
        closeCurrent();
    }

    public Scene scene() {
        return scene;
    }

    /** The devices the doctor chose in the settings (or the system's defaults). */
    public static MediaSettings configuredMedia(ConsoleConfig config) {
        return new MediaSettings(config.device(ConfigKey.DEVICE_CAMERA).orElse(null),
                config.device(ConfigKey.DEVICE_MICROPHONE).orElse(null),
                config.device(ConfigKey.DEVICE_SPEAKER).orElse(null), false, MediaSettings.AudioMode.AUTO);
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
