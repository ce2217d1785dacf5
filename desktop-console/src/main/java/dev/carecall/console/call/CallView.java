package dev.carecall.console.call;

import dev.carecall.console.fx.VideoSurface;
import dev.carecall.console.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The call screen: the patient's video large, the doctor's own preview small, the controls below (the red button
 * hangs up), the chat beside. Every state the doctor must notice (own microphone off, patient muted, reconnecting)
 * is spelled out in words, not only by colour.
 */
public final class CallView {
    private static final PseudoClass OFF = PseudoClass.getPseudoClass("off");

    private final BorderPane root = new BorderPane();
    private final VideoSurface remoteVideo = new VideoSurface();
    private final VideoSurface localVideo = new VideoSurface();
    private final Texts texts;
    private final QualityView quality;

    public CallView(CallViewModel model) {
        this.texts = model.texts();
        this.quality = new QualityView(model.quality());
        root.setTop(header(model));
        root.setCenter(stage(model));
        root.setRight(chat(model));
        root.setBottom(controls(model));
        root.getStyleClass().add("call");
        root.getStylesheets().add(CallView.class.getResource("call.css").toExternalForm());

        remoteVideo.setId("remoteVideo");
        localVideo.setId("localVideo");
        remoteVideo.show(model.engine().remoteVideo());
        localVideo.drawWith(remoteVideo);
        localVideo.show(model.engine().localVideo());
        model.own().cameraOnProperty().addListener((obs, was, on) -> {
            if (!on && !model.own().sharingScreenProperty().get()) {
                localVideo.clear();
            }
        });
        model.remote().videoOnProperty().addListener((obs, was, on) -> {
            if (!on && !model.remote().sharingProperty().get()) {
                remoteVideo.clear();
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** Stops pulling frames; called when the screen closes. */
    public void stop() {
        remoteVideo.stop();
        localVideo.stop();
    }

    private HBox header(CallViewModel model) {
        Label title = new Label(texts.get("call.title", model.patientName()));
        title.setId("callTitle");
        title.getStyleClass().add("call-title");
        Label phase = new Label();
        phase.setId("phaseLabel");
        phase.getStyleClass().add("phase");
        phase.textProperty().bind(model.phaseTextProperty());
        model.phaseProperty().addListener((obs, old, now) -> phase.pseudoClassStateChanged(
                PseudoClass.getPseudoClass("connected"), now == CallPhase.CONNECTED));
        Label timer = new Label();
        timer.setId("timerLabel");
        timer.getStyleClass().add("timer");
        timer.textProperty().bind(model.timerTextProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(16, title, quality.indicator(), grow, phase, timer);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("call-header");
        return header;
    }

    private StackPane stage(CallViewModel model) {
        Label waiting = new Label();
        waiting.getStyleClass().add("video-placeholder");
        waiting.textProperty().bind(Bindings.when(model.remote().videoOnProperty().not())
                .then(texts.get("call.remote.videoOff", model.patientName()))
                .otherwise(Bindings.when(remoteVideo.framesShownProperty().isEqualTo(0))
                        .then(texts.get("call.remote.waitingForVideo", model.patientName())).otherwise("")));
        waiting.visibleProperty().bind(waiting.textProperty().isNotEmpty());

        Label remoteName = new Label(model.patientName());
        remoteName.getStyleClass().add("name-tag");
        StackPane.setAlignment(remoteName, Pos.TOP_LEFT);

        Label remoteState = new Label();
        remoteState.setId("remoteMediaLabel");
        remoteState.getStyleClass().add("remote-state");
        remoteState.setWrapText(true);
        remoteState.textProperty().bind(model.remote().stateTextProperty());
        remoteState.visibleProperty().bind(remoteState.textProperty().isNotEmpty());
        StackPane.setAlignment(remoteState, Pos.BOTTOM_LEFT);

        Label banner = new Label();
        banner.setId("signalingBanner");
        banner.getStyleClass().add("reconnecting");
        banner.setWrapText(true);
        banner.textProperty().bind(model.signalingTextProperty());
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        Label notice = new Label();
        notice.setId("noticeLabel");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        VBox messages = new VBox(8, banner, notice, quality.reason(), quality.suggestion());
        messages.setMaxHeight(Region.USE_PREF_SIZE);
        messages.setMaxWidth(640);
        messages.setPickOnBounds(false);
        for (Label label : new Label[]{banner, notice}) {
            label.managedProperty().bind(label.visibleProperty());
        }
        StackPane.setAlignment(messages, Pos.TOP_CENTER);
        // Below the patient's name tag, so neither hides the other.
        StackPane.setMargin(messages, new Insets(44, 0, 0, 0));

        StackPane self = selfPreview(model);
        StackPane.setAlignment(self, Pos.BOTTOM_RIGHT);

        StackPane.setAlignment(quality.panel(), Pos.TOP_RIGHT);
        StackPane.setMargin(quality.panel(), new Insets(8));
        StackPane stage = new StackPane(remoteVideo, waiting, remoteName, remoteState, messages, self,
                quality.panel());
        stage.getStyleClass().add("video-stage");
        return stage;
    }

    private StackPane selfPreview(CallViewModel model) {
        Label you = new Label(texts.get("call.you"));
        you.getStyleClass().add("name-tag");
        StackPane.setAlignment(you, Pos.TOP_LEFT);
        Label cameraOff = new Label(texts.get("call.own.cameraOff"));
        cameraOff.getStyleClass().add("video-placeholder-small");
        MediaToggles own = model.own();
        cameraOff.visibleProperty().bind(own.cameraOnProperty().not().and(own.sharingScreenProperty().not()));
        Label muted = new Label(texts.get("call.own.microphoneOff"));
        muted.setId("selfMutedLabel");
        muted.getStyleClass().add("muted-tag");
        muted.visibleProperty().bind(model.own().microphoneOnProperty().not());
        StackPane.setAlignment(muted, Pos.BOTTOM_CENTER);
        StackPane self = new StackPane(localVideo, cameraOff, you, muted);
        self.getStyleClass().add("self-preview");
        self.setMaxSize(288, 162);
        self.setPrefSize(288, 162);
        return self;
    }

    private VBox chat(CallViewModel model) {
        Label title = new Label(texts.get("chat.title", model.patientName()));
        title.getStyleClass().add("chat-title");
        ListView<ChatLine> lines = new ListView<>(model.chat());
        lines.setId("chatList");
        lines.setPlaceholder(new Label(texts.get("chat.placeholder", model.patientName())));
        ((Label) lines.getPlaceholder()).setWrapText(true);
        lines.setCellFactory(list -> {
            ChatCell cell = new ChatCell(model.patientName(), texts);
            // Cells as wide as the list (minus the scroll bar), so long lines wrap instead of scrolling sideways.
            cell.setPrefWidth(0);
            cell.text.maxWidthProperty().bind(list.widthProperty().subtract(44));
            return cell;
        });
        lines.getItems().addListener((ListChangeListener<ChatLine>) change ->
                lines.scrollTo(lines.getItems().size() - 1));
        VBox.setVgrow(lines, Priority.ALWAYS);
        TextField draft = new TextField();
        draft.setId("chatField");
        draft.setPromptText(texts.get("chat.prompt"));
        draft.textProperty().bindBidirectional(model.chatDraftProperty());
        draft.setOnAction(e -> model.sendChat());
        HBox.setHgrow(draft, Priority.ALWAYS);
        Button send = new Button(texts.get("chat.send"));
        send.setId("chatSendButton");
        send.setOnAction(e -> model.sendChat());
        send.disableProperty().bind(draft.textProperty().isEmpty());
        HBox input = new HBox(8, draft, send);
        VBox chat = new VBox(10, title, lines, input);
        chat.getStyleClass().add("chat-panel");
        chat.setPrefWidth(340);
        return chat;
    }

    private HBox controls(CallViewModel model) {
        Button mic = toggle("micButton", model.own().microphoneOnProperty(), texts.get("call.microphone.mute"),
                texts.get("call.microphone.unmute"));
        mic.setOnAction(e -> model.own().toggleMicrophone());
        Button camera = toggle("cameraButton", model.own().cameraOnProperty(), texts.get("call.camera.off"),
                texts.get("call.camera.on"));
        camera.setOnAction(e -> model.own().toggleCamera());
        Button share = new Button();
        share.setId("shareButton");
        share.getStyleClass().add("control");
        share.textProperty().bind(Bindings.when(model.own().sharingScreenProperty()).then(texts.get("call.share.stop"))
                .otherwise(texts.get("call.share.start")));
        share.setOnAction(e -> model.own().toggleScreenShare());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button end = new Button(texts.get("call.end"));
        end.setId("endCallButton");
        end.getStyleClass().addAll("danger", "end-call");
        end.setOnAction(e -> model.endCall());
        shortcut(mic, "call.microphone.shortcut");
        shortcut(camera, "call.camera.shortcut");
        shortcut(end, "call.end.shortcut");
        CallShortcuts.install(root, Map.of(CallShortcuts.MICROPHONE, mic, CallShortcuts.CAMERA, camera,
                CallShortcuts.END, end));
        HBox controls = new HBox(12, mic, camera, share, grow, end);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("controls");
        return controls;
    }

    /** The tooltip that names the button's shortcut, read out by screen readers as the button's help too. */
    private void shortcut(Button button, String key) {
        button.setTooltip(new Tooltip(texts.get(key)));
        button.setAccessibleHelp(texts.get(key));
    }

    private static Button toggle(String id, ObservableBooleanValue on, String whenOn, String whenOff) {
        Button button = new Button();
        button.setId(id);
        button.getStyleClass().add("control");
        button.textProperty().bind(Bindings.when(on).then(whenOn).otherwise(whenOff));
        button.pseudoClassStateChanged(OFF, !on.get());
        on.addListener((obs, was, now) -> button.pseudoClassStateChanged(OFF, !now));
        return button;
    }

    /** One chat line: who and when above, the text below; the doctor's own lines are tinted. */
    private static final class ChatCell extends ListCell<ChatLine> {
        private final String patientName;
        private final Texts texts;
        private final DateTimeFormatter time;
        private final Label meta = new Label();
        private final Label text = new Label();
        private final VBox box = new VBox(2, meta, text);

        ChatCell(String patientName, Texts texts) {
            this.patientName = patientName;
            this.texts = texts;
            this.time = texts.time().withZone(ZoneId.systemDefault());
            meta.getStyleClass().add("chat-meta");
            text.getStyleClass().add("chat-text");
            text.setWrapText(true);
            box.getStyleClass().add("chat-line");
        }

        @Override
        protected void updateItem(ChatLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            String who = line.mine() ? texts.get("call.you") : switch (line.from()) {
                case PATIENT -> patientName;
                case DOCTOR -> texts.get("chat.doctor");
            };
            meta.setText(texts.get("chat.meta", who, time.format(line.sentAt())));
            text.setText(line.text());
            box.pseudoClassStateChanged(PseudoClass.getPseudoClass("mine"), line.mine());
            setGraphic(box);
        }
    }
}
