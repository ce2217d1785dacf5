package dev.carecall.bench.console;

import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.CallView;
import dev.carecall.console.call.CallViewModel;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.VideoSurface;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.DoctorView;
import dev.carecall.protocol.rest.LoginResponse;
import dev.carecall.protocol.rest.ServerInfo;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A console process showing one call in the console's own call screen ({@link CallView} with its view model and
 * the real engine), in a 1280×800 window: opens as the signed-in doctor, starts the appointment's call, and once a second
 * prints {@code FRAMES epochMillis received shown width height}: frames the engine received, frames the remote video surface put
 * on screen, and the size of the picture. Usage:
 * {@code RenderProbe --server=URL --appointment=ID --username=U --token=DOCTOR_TOKEN}.
 */
public final class RenderProbe {
    private RenderProbe() {
    }

    public static void main(String[] args) {
        // Not the Application itself: the launcher refuses an Application main class on the plain class path.
        Application.launch(Window.class, args);
        System.exit(0);
    }

    /** The window. */
    public static final class Window extends Application {
        private CallEngine engine;

        @Override
        public void start(Stage stage) {
            Map<String, String> named = getParameters().getNamed();
            long appointment = Long.parseLong(named.get("appointment"));
            CareCallApi api = new CareCallApi(URI.create(named.get("server")),
                    TlsTrust.sslContext(java.util.Optional.empty()));
            Thread.ofPlatform().name("sign-in").start(() -> {
                // The token sign-in would hand out (signed by the benchmark with the server's secret): bcrypt on a
                // machine this busy can outlast the client's timeout, and sign-in is not what is measured here.
                LoginResponse login = new LoginResponse(named.get("token"), Instant.now().plusSeconds(3600),
                        new DoctorView(0, named.get("username"), "Dr. Bench"));
                ServerInfo info = api.info();
                Platform.runLater(() -> show(stage, new DoctorSession(api, info, login), appointment));
            });
        }

        private void show(Stage stage, DoctorSession session, long appointment) {
            engine = WebRtcCallEngine.create(new CallSettings(session.webSocketBaseUri(), appointment,
                    session.token(), Role.DOCTOR, MediaSettings.synthetic(), session.api().tls()));
            CallViewModel model = new CallViewModel(session, Texts.of(Language.ENGLISH), appointment, "Bench Patient",
                    false, engine, () -> {
            });
            CallView view = new CallView(model);
            stage.setTitle("CareCall render benchmark");
            stage.setScene(new Scene(view.root(), 1280, 800));
            stage.show();
            model.open();
            VideoSurface remote = (VideoSurface) stage.getScene().lookup("#remoteVideo");
            // Not a Timeline: a running animation would keep the screen pulsing 60 times a second, which is measured.
            Fx.every(Duration.ofSeconds(1), () -> {
                Image image = remote.getChildrenUnmodifiable().isEmpty() ? null
                        : ((ImageView) remote.getChildrenUnmodifiable().getFirst()).getImage();
                System.out.printf("FRAMES %d %d %d %d %d%n", System.currentTimeMillis(),
                        engine.remoteVideo().framesReceived(),
                        remote.framesShownProperty().get(), image == null ? 0 : (int) image.getWidth(),
                        image == null ? 0 : (int) image.getHeight());
                System.out.flush();
            });
        }

        @Override
        public void stop() {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
