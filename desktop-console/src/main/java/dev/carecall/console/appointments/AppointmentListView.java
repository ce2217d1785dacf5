package dev.carecall.console.appointments;

import javafx.beans.binding.Bindings;
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

        Label live = messageLabel("liveStatus", "notice");
        live.textProperty().bind(model.liveStatusProperty());
        Label error = messageLabel("listError", "error-message");
        error.textProperty().bind(model.errorProperty());
        Label info = messageLabel("listInfo", "info-message");
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
        VBox content = new VBox(12, titleRow, live, error, info, empty, scroll);
        content.getStyleClass().add("content");

        root.setTop(header);
        root.setCenter(content);
        root.getStyleClass().add("appointments");
        root.getStylesheets().add(AppointmentListView.class.getResource("appointments.css").toExternalForm());

        model.items().addListener((ListChangeListener<AppointmentItem>) change -> rebuild());
        rebuild();
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

        HBox card = new HBox(24, who, grow(), right);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().addAll("card", "appointment-card");
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

    private static Label messageLabel(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }

    private static Region grow() {
        Region region = new Region();
        HBox.setHgrow(region, Priority.ALWAYS);
        return region;
    }
}
