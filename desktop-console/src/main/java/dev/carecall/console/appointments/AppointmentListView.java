package dev.carecall.console.appointments;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import dev.carecall.console.fx.Labels;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The doctor's appointments as cards, each with its live call status, its Start / Join button and, once it had a
 * call, a link to its call history.
 */
public final class AppointmentListView {
    private final BorderPane root = new BorderPane();
    private final AppointmentListViewModel model;
    private final Consumer<AppointmentItem> onCall;
    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    private final Consumer<AppointmentItem> onHistory;
    private final VBox cards = new VBox(12);

    /**
     * @param model      the list's state
     * @param onCall     opens the call of an appointment
     * @param onHistory  opens the call history of an appointment
     * @param onSettings opens the device settings
     * @param onSignOut  goes back to the sign-in screen
     */
    public AppointmentListView(AppointmentListViewModel model, Consumer<AppointmentItem> onCall,
                               Consumer<AppointmentItem> onHistory, Runnable onSettings, Runnable onSignOut) {
        this.model = model;
        this.onCall = onCall;
        this.onHistory = onHistory;
        Texts texts = model.texts();

        Label brand = new Label("CareCall");
        brand.getStyleClass().add("brand");
        Label doctor = new Label(model.doctorName());
        doctor.setId("doctorName");
        doctor.getStyleClass().add("doctor-name");
        Label server = new Label(texts.get("appointments.server", model.serverName()));
        server.getStyleClass().add("server-name");
        Button settings = new Button(texts.get("appointments.settings"));
        settings.setId("settingsButton");
        settings.setOnAction(e -> onSettings.run());
        Button signOut = new Button(texts.get("appointments.signOut"));
        signOut.setId("signOutButton");
        signOut.setOnAction(e -> onSignOut.run());
        HBox header = new HBox(14, brand, doctor, server, grow(), settings, signOut);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");

        Label title = new Label(texts.get("appointments.title"));
        title.getStyleClass().add("title");
        Button refresh = new Button(texts.get("appointments.refresh"));
        refresh.setId("refreshButton");
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(e -> model.refresh());
        HBox titleRow = new HBox(12, title, grow(), refresh);
        titleRow.setAlignment(Pos.CENTER_LEFT);

        Label live = Labels.message("liveStatus", "notice");
        live.textProperty().bind(model.liveStatusProperty());
        Label error = Labels.message("listError", "error-message");
        error.textProperty().bind(model.errorProperty());
        Label info = Labels.message("listInfo", "info-message");
        info.textProperty().bind(model.infoProperty());
        Label empty = new Label(texts.get("appointments.empty"));
        empty.getStyleClass().add("empty");
        empty.visibleProperty().bind(Bindings.isEmpty(model.items())
                .and(model.loadingProperty().not()));
        empty.managedProperty().bind(empty.visibleProperty());

        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("cards-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox content = new VBox(12, titleRow, banner(texts), live, error, info, empty, scroll);
        content.getStyleClass().add("content");

        root.setTop(header);
        root.setCenter(content);
        root.getStyleClass().add("appointments");
        root.getStylesheets().add(AppointmentListView.class.getResource("appointments.css").toExternalForm());

        model.items().addListener((ListChangeListener<AppointmentItem>) change -> rebuild());
        rebuild();
    }

    /**
     * The waiting room's banner, above the list whatever is scrolled: who waits and since when, with Admit. A
     * screen reader hears it as an alert.
     */
    private Node banner(Texts texts) {
        Label text = new Label();
        text.setId("waitingBannerText");
        text.getStyleClass().add("waiting-banner-text");
        text.textProperty().bind(model.bannerTextProperty());
        text.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
        Button admit = new Button(texts.get("waiting.admit"));
        admit.setId("waitingBannerAdmit");
        admit.getStyleClass().add("primary");
        admit.setOnAction(e -> {
            AppointmentItem item = model.bannerItemProperty().get();
            if (item != null) {
                onCall.accept(item);
            }
        });
        admit.setTooltip(new javafx.scene.control.Tooltip(texts.get("waiting.admitShortcut")));
        // The keyboard's way in: Ctrl+Shift+A (Cmd on a Mac) admits the patient the banner names, from anywhere in
        // the list.
        javafx.scene.input.KeyCombination keys = javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+A");
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (keys.match(e) && model.bannerItemProperty().get() != null) {
                e.consume();
                admit.fire();
            }
        });
        Button hide = new Button(texts.get("waiting.dismiss"));
        hide.setId("waitingBannerHide");
        hide.setOnAction(e -> model.hideBanner());
        HBox banner = new HBox(12, text, grow(), hide, admit);
        banner.setId("waitingBanner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("waiting-banner");
        banner.visibleProperty().bind(model.bannerItemProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    public Parent root() {
        return root;
    }

    private void rebuild() {
        cards.getChildren().setAll(model.items().stream().map(this::card).toList());
    }

    private Node card(AppointmentItem item) {
        Label name = new Label(item.patientName());
        name.getStyleClass().addAll("card-title", "patient-name");
        Label time = new Label(item.timeText());
        time.getStyleClass().addAll("muted", "time");
        VBox who = new VBox(4, name, time);
        // A fixed column, so the cards line up from card to card.
        who.setMinWidth(300);
        who.setPrefWidth(300);

        Label paid = new Label(model.texts().get(item.paid() ? "appointments.paid" : "appointments.unpaid"));
        paid.getStyleClass().addAll("chip", item.paid() ? "paid" : "unpaid");
        Label badge = new Label();
        badge.getStyleClass().add("badge");
        badge.textProperty().bind(item.statusTextProperty());
        item.statusProperty().addListener((obs, old, now) -> styleBadge(badge, item));
        item.startedByProperty().addListener((obs, old, now) -> styleBadge(badge, item));
        styleBadge(badge, item);
        HBox chips = new HBox(8, paid, badge);
        // The chips go under the name, so the four actions (new link, copy, send, call) have the card's width in
        // every language; what the clinic's systems add goes in a row of its own below them.
        who.getChildren().add(chips);
        HBox clinic = new HBox(6);
        if (item.cancelled()) {
            Label cancelled = new Label(model.texts().get("appointments.cancelled"));
            cancelled.getStyleClass().addAll("chip", "cancelled");
            clinic.getChildren().add(cancelled);
        }
        if (!item.invitationText().isEmpty()) {
            Label invitation = new Label(item.invitationText());
            invitation.getStyleClass().addAll("chip", "invitation-" + item.invitation());
            invitation.setId("invitation-" + item.id());
            clinic.getChildren().add(invitation);
        }
        if (!clinic.getChildren().isEmpty()) {
            who.getChildren().add(clinic);
        }

        chips.setAlignment(Pos.CENTER_LEFT);

        Button copy = new Button(model.texts().get("appointments.copyLink"));
        copy.getStyleClass().add("copy-link");
        copy.disableProperty().bind(item.joinUrlProperty().isNull());
        copy.setOnAction(e -> {
            copyToClipboard(item.joinUrl());
            model.joinLinkCopied(item);
        });
        Button newLink = new Button(model.texts().get("appointments.newLink"));
        newLink.getStyleClass().add("new-link");
        newLink.disableProperty().bind(item.joinUrlProperty().isNull());
        newLink.setOnAction(e -> model.sendNewLink(item, AppointmentListView::copyToClipboard));
        Button call = new Button();
        call.getStyleClass().addAll("primary", "call-button");
        call.textProperty().bind(item.actionLabelProperty());
        call.disableProperty().bind(item.canCallProperty().not());
        call.setOnAction(e -> onCall.accept(item));
        Button sendLink = new Button(model.texts().get("appointments.sendLink"));
        sendLink.getStyleClass().add("send-link");
        sendLink.setId("sendLink-" + item.id());
        sendLink.setDisable(!item.canSendLink());
        sendLink.setOnAction(e -> model.sendLink(item));
        HBox actions = new HBox(10, newLink, copy, sendLink, call);
        actions.setAlignment(Pos.CENTER_RIGHT);

        Label reason = new Label(item.blockedReason());
        reason.getStyleClass().add("blocked-reason");
        reason.setVisible(!item.blockedReason().isEmpty());
        reason.setManaged(reason.isVisible());
        VBox right = new VBox(6, actions, reason, historyLink(item));
        right.setAlignment(Pos.CENTER_RIGHT);

        HBox row = new HBox(24, who, grow(), right);
        row.setAlignment(Pos.CENTER_LEFT);
        // The waiting room's line runs the card's full width under the row, so a long check still reads in one go.
        VBox card = new VBox(10, row, waitingRoom(item));
        card.getStyleClass().addAll("card", "appointment-card");
        ReadOnlyBooleanProperty waiting = item.waitingRoom().waitingForDoctorProperty();
        card.pseudoClassStateChanged(WAITING, waiting.get());
        waiting.addListener((obs, old, now) -> card.pseudoClassStateChanged(WAITING, now));
        card.setId("appointment-" + item.id());
        return card;
    }

    /** "Call history", under the actions once the appointment has had a call. */
    private Node historyLink(AppointmentItem item) {
        Hyperlink history = new Hyperlink(model.texts().get("appointments.history"));
        history.getStyleClass().add("history-link");
        history.setId("history-" + item.id());
        history.visibleProperty().bind(item.statusProperty().isNotEqualTo(CallStatus.INACTIVE));
        history.managedProperty().bind(history.visibleProperty());
        history.setOnAction(e -> onHistory.accept(item));
        return history;
    }

    /** Under the patient's name while they wait: how long, their pre-call check, and Message / Decline. */
    private Node waitingRoom(AppointmentItem item) {
        Texts texts = model.texts();
        Label waited = new Label();
        waited.getStyleClass().add("waited");
        waited.setId("waited-" + item.id());
        waited.textProperty().bind(item.waitingRoom().waitedTextProperty());
        Label readiness = new Label();
        readiness.setId("readiness-" + item.id());
        readiness.getStyleClass().add("readiness-line");
        readiness.setWrapText(true);
        readiness.textProperty().bind(Bindings.when(item.waitingRoom().readinessTextProperty().isEmpty())
                .then(texts.get("readiness.none")).otherwise(item.waitingRoom().readinessTextProperty()));
        Label details = new Label();
        details.getStyleClass().addAll("muted", "readiness-details");
        details.textProperty().bind(item.waitingRoom().readinessDetailsProperty());
        details.visibleProperty().bind(item.waitingRoom().readinessDetailsProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        Button message = new Button(texts.get("waiting.message"));
        message.setId("waitingMessage-" + item.id());
        message.setOnAction(e -> ask(texts.get("waiting.messageTitle", item.patientName()),
                texts.get("waiting.messageHeader", item.patientName()), texts.get("waiting.messageDefault"),
                text -> model.sendWaitingMessage(item, text)));
        Button decline = new Button(texts.get("waiting.decline"));
        decline.setId("waitingDecline-" + item.id());
        decline.getStyleClass().add("decline");
        decline.setOnAction(e -> ask(texts.get("waiting.declineTitle", item.patientName()),
                texts.get("waiting.declineHeader", item.patientName()), texts.get("waiting.declineDefault"),
                reason -> model.decline(item, reason)));
        HBox buttons = new HBox(8, waited, message, decline);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, buttons, readiness, details);
        box.getStyleClass().add("waiting-room");
        box.visibleProperty().bind(item.waitingRoom().waitingForDoctorProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A small dialog with a text prefilled with a suggestion; {@code onSend} gets what the doctor sends. */
    private void ask(String title, String header, String suggestion, Consumer<String> onSend) {
        Texts texts = model.texts();
        javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(suggestion);
        text.setId("waitingText");
        text.setWrapText(true);
        text.setPrefRowCount(3);
        text.setAccessibleText(texts.get("waiting.text"));
        javafx.scene.control.ButtonType send = new javafx.scene.control.ButtonType(texts.get("waiting.send"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType cancel = new javafx.scene.control.ButtonType(texts.get("waiting.cancel"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(send, cancel);
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().lookupButton(send).setId("waitingSend");
        dialog.getDialogPane().lookupButton(send).disableProperty().bind(
                Bindings.createBooleanBinding(() -> text.getText().isBlank()
                        || text.getText().strip().length() > dev.carecall.protocol.Protocol.MAX_WAITING_TEXT_LENGTH,
                        text.textProperty()));
        dialog.setResultConverter(button -> button == send ? text.getText().strip() : null);
        if (root.getScene() != null) {
            dialog.initOwner(root.getScene().getWindow());
        }
        dialog.setOnShown(e -> text.requestFocus());
        // Shown without waiting, so the list's clock and the lobby go on while the doctor writes.
        dialog.resultProperty().addListener((obs, old, result) -> {
            if (result != null) {
                onSend.accept(result);
            }
        });
        dialog.show();
    }

    private static void styleBadge(Label badge, AppointmentItem item) {
        badge.getStyleClass().removeIf(style -> style.startsWith("status-"));
        badge.getStyleClass().add("status-" + item.statusProperty().get().name().toLowerCase(Locale.ROOT));
        badge.pseudoClassStateChanged(PseudoClass.getPseudoClass("patient-waiting"),
                item.statusProperty().get().isLive() && item.startedByProperty().get() == Role.PATIENT);
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Region grow() {
        Region region = new Region();
        HBox.setHgrow(region, Priority.ALWAYS);
        return region;
    }
}
