package dev.carecall.console.signin;

import dev.carecall.console.i18n.Texts;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The sign-in screen: server address, username, password, one error line, and the console's version. */
public final class SignInView {
    private final BorderPane root = new BorderPane();

    public SignInView(SignInViewModel model) {
        Texts texts = model.texts();
        Label brand = new Label("CareCall");
        brand.getStyleClass().add("brand");
        Label subtitle = new Label(texts.get("signIn.subtitle"));
        subtitle.getStyleClass().add("subtitle");
        subtitle.setWrapText(true); // longer in some languages than the card is wide

        TextField server = new TextField();
        server.setId("serverField");
        server.setPromptText("https://clinic.example.org");
        server.textProperty().bindBidirectional(model.serverProperty());
        // Checking when the doctor leaves the field tells them about a typo before they type the password.
        server.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                model.checkServer();
            }
        });
        Label serverStatus = new Label();
        serverStatus.setId("serverStatus");
        serverStatus.getStyleClass().add("server-status");
        serverStatus.textProperty().bind(model.serverStatusProperty());
        serverStatus.managedProperty().bind(serverStatus.textProperty().isNotEmpty());
        serverStatus.visibleProperty().bind(serverStatus.managedProperty());
        model.serverReachedProperty().addListener((obs, was, now) ->
                serverStatus.pseudoClassStateChanged(PseudoClass.getPseudoClass("reached"), now));

        TextField username = new TextField();
        username.setId("usernameField");
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.setOnAction(e -> model.signIn());

        Label error = new Label();
        error.setId("errorMessage");
        error.getStyleClass().add("error-message");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());

        Button signIn = new Button(texts.get("signIn.button"));
        signIn.setId("signInButton");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add("primary");
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.disableProperty().bind(model.busyProperty());
        signIn.textProperty().bind(Bindings.when(model.busyProperty()).then(texts.get("signIn.busy"))
                .otherwise(texts.get("signIn.button")));
        signIn.setOnAction(e -> model.signIn());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());

        VBox card = new VBox(6,
                brand, subtitle, spacer(14),
                fieldLabel(texts.get("signIn.server"), server), server, serverStatus, spacer(6),
                fieldLabel(texts.get("signIn.username"), username), username, spacer(6),
                fieldLabel(texts.get("signIn.password"), password), password, spacer(10),
                error, signIn, progressRow(progress));
        card.getStyleClass().add("sign-in-card");
        card.setMaxWidth(440);
        card.setMaxHeight(Region.USE_PREF_SIZE);

        Label version = new Label(texts.get("app.title", model.version()));
        version.setId("versionLabel");
        version.getStyleClass().add("footer");
        HBox footer = new HBox(version);
        footer.setAlignment(Pos.CENTER);
        footer.getStyleClass().add("footer-bar");

        root.setCenter(new StackPane(card));
        root.setBottom(footer);
        root.getStyleClass().add("sign-in");
        root.getStylesheets().add(SignInView.class.getResource("sign-in.css").toExternalForm());
        // Put the cursor where the doctor has to type first: usually only the password is missing.
        TextField first = model.serverProperty().get().isBlank() ? server
                : model.usernameProperty().get().isBlank() ? username : password;
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                Platform.runLater(first::requestFocus);
            }
        });
    }

    public Parent root() {
        return root;
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setLabelFor(field);
        return label;
    }

    private static Region spacer(double height) {
        Region region = new Region();
        region.setMinHeight(height);
        return region;
    }

    private static HBox progressRow(ProgressIndicator progress) {
        HBox row = new HBox(progress);
        row.setAlignment(Pos.CENTER);
        row.managedProperty().bind(progress.visibleProperty());
        HBox.setHgrow(progress, Priority.NEVER);
        return row;
    }
}
