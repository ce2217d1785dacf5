package dev.carecall.console.call;

import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.signaling.SignalingState;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call as the doctor sees it: phase, timer, own and the patient's media state, chat and notices, all fed by
 * the {@link CallEngine}'s listener and handed to the FX thread. Pressing Start or Join only records the intent;
 * the engine is told once it has registered and reported whether the patient already started.
 */
public final class CallViewModel implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallViewModel.class.getName());

    private final DoctorSession session;
    private final Texts texts;
    private final PlainLanguage plain;
    private final long appointmentId;
    private final String patientName;
    private final CallEngine engine;
    private final Runnable onFinished;

    private final ReadOnlyObjectWrapper<CallPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase",
            CallPhase.CONNECTING);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", "");
    private final ReadOnlyStringWrapper timerText = new ReadOnlyStringWrapper(this, "timerText", "00:00");
    private final MediaToggles own;
    private final RemoteParty remote;
    private final ReadOnlyStringWrapper signalingText = new ReadOnlyStringWrapper(this, "signalingText", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<ChatLine> chat = FXCollections.observableArrayList();
    private final ObservableList<ChatLine> readOnlyChat = FXCollections.unmodifiableObservableList(chat);
    private final StringProperty chatDraft = new SimpleStringProperty(this, "chatDraft", "");

    private final Set<String> notices = new LinkedHashSet<>();
    private final QualityViewModel quality;

    private enum Intent { START, JOIN, NONE }

    private Intent intent;
    private SignalingState signalingState = SignalingState.CONNECTING;
    private Instant connectedAt;
    /** Stops the call timer's ticks; null before the call connects. */
    private Runnable stopTimer;
    private boolean finished;

    /**
     * @param session       the signed-in doctor
     * @param texts         the console's language
     * @param appointmentId the appointment
     * @param patientName   who the call is with
     * @param join          true when the patient already started the call ("Join Call")
     * @param engine        a fresh engine for this appointment
     * @param onFinished    called once when the call is over and the doctor should see the list again
     */
    public CallViewModel(DoctorSession session, Texts texts, long appointmentId, String patientName, boolean join,
                         CallEngine engine, Runnable onFinished) {
        this.session = session;
        this.texts = texts;
        this.plain = new PlainLanguage(texts);
        phaseText.set(texts.get("call.phase.connecting"));
        this.appointmentId = appointmentId;
        this.patientName = patientName;
        this.remote = new RemoteParty(texts, patientName);
        this.own = new MediaToggles(engine);
        this.engine = engine;
        this.onFinished = onFinished;
        this.intent = join ? Intent.JOIN : Intent.START;
        this.quality = new QualityViewModel(texts, patientName, new QualityViewModel.Camera() {
            @Override
            public boolean isOn() {
                return own.cameraOnProperty().get();
            }

            @Override
            public void turnOff(String why) {
                if (own.cameraOnProperty().get()) {
                    own.toggleCamera();
                }
                if (why != null) {
                    showNotice(why);
                }
            }
        });
    }

    /** The doctor's setting: the camera goes off by itself while the call's quality stays poor. */
    public void autoCameraOff(boolean enabled) {
        quality.autoCameraOff(enabled);
    }

    /** Connects the engine; the call starts or is joined once the room has answered. */
    public void open() {
        engine.addListener(new CallListener() {
            @Override
            public void phaseChanged(CallPhase next) {
                Fx.later(() -> onPhase(next));
            }

            @Override
            public void signalingStateChanged(SignalingState state) {
                Fx.later(() -> onSignaling(state));
            }

            @Override
            public void remoteMediaChanged(boolean audio, boolean video) {
                Fx.later(() -> remote.media(audio, video));
            }

            @Override
            public void remoteScreenShareChanged(boolean active) {
                Fx.later(() -> remote.screenShare(active));
            }

            @Override
            public void localScreenShareChanged(boolean active) {
                Fx.later(() -> own.screenShareChanged(active));
            }

            @Override
            public void peerPresenceChanged(boolean connected) {
                Fx.later(() -> remote.presence(connected));
            }

            @Override
            public void chatReceived(ChatLine line) {
                Fx.later(() -> chat.add(line));
            }

            @Override
            public void qualityChanged(CallQuality q) {
                Fx.later(() -> {
                    if (!finished) {
                        quality.update(q);
                    }
                });
            }

            @Override
            public void problem(CallProblem problem) {
                Fx.later(() -> showNotice(plain.describe(problem)));
            }
        });
        engine.connect();
    }

    /** Several notices can hold at once (no camera and no microphone): each shows once, in order. */
    private void showNotice(String text) {
        if (notices.add(text)) {
            notice.set(String.join("\n", notices));
        }
    }

    private void onPhase(CallPhase next) {
        if (finished) {
            return;
        }
        phase.set(next);
        switch (next) {
            case CONNECTING -> phaseText.set(texts.get("call.phase.connecting"));
            case READY -> {
                phaseText.set(texts.get("call.phase.starting"));
                // The patient may have hung up before we registered: Start still works for both intents.
                if (intent != Intent.NONE) {
                    intent = Intent.NONE;
                    engine.startCall();
                }
            }
            case INCOMING -> {
                phaseText.set(texts.get("call.phase.incoming", patientName));
                if (intent != Intent.NONE) {
                    intent = Intent.NONE;
                    engine.joinCall();
                }
            }
            case WAITING_FOR_PEER -> {
                intent = Intent.NONE;
                phaseText.set(texts.get("call.phase.waiting", patientName));
            }
            case NEGOTIATING -> {
                intent = Intent.NONE;
                phaseText.set(texts.get("call.phase.negotiating"));
            }
            case CONNECTED -> {
                phaseText.set(texts.get("call.phase.connected"));
                startTimer();
            }
            case RECONNECTING_MEDIA -> phaseText.set(texts.get("call.phase.reconnecting"));
            case ENDED -> finish();
            case FAILED -> phaseText.set(texts.get("call.phase.failed"));
        }
        remote.phase(next);
    }

    private void onSignaling(SignalingState state) {
        signalingState = state;
        signalingText.set(switch (state) {
            case CONNECTING, CONNECTED -> "";
            case RECONNECTING -> texts.get("call.signaling.reconnecting");
            case CLOSED -> finished ? "" : texts.get("call.signaling.closed");
        });
    }

    private void startTimer() {
        if (connectedAt != null) {
            return;
        }
        connectedAt = Instant.now();
        stopTimer = Fx.every(Duration.ofSeconds(1), () -> {
            if (!finished) {
                tick();
            }
        });
    }

    private void tick() {
        long seconds = Duration.between(connectedAt, Instant.now()).toSeconds();
        timerText.set(seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%02d:%02d", seconds / 60, seconds % 60));
    }

    /** Sends the chat draft; the line shows when the server confirms it. */
    public void sendChat() {
        String text = chatDraft.get() == null ? "" : chatDraft.get().strip();
        if (text.isEmpty()) {
            return;
        }
        engine.sendChat(text);
        chatDraft.set("");
    }

    /**
     * Hangs up for both. Through the room socket when it is up (the engine then reports ENDED); otherwise through
     * REST, so a doctor can always end a call even while signaling is down.
     */
    public void endCall() {
        if (finished) {
            return;
        }
        CallPhase now = phase.get();
        if (signalingState == SignalingState.CONNECTED && now != CallPhase.FAILED) {
            engine.endCall();
            phaseText.set(texts.get("call.phase.ending"));
            return;
        }
        Fx.background(() -> session.api().endCall(appointmentId, session.token()), done -> finish(), failure -> {
            // NO_ACTIVE_CALL and the like: the call is over anyway; going back to the list is right.
            LOG.log(Level.INFO, "End call over REST failed", failure);
            finish();
        });
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        phaseText.set(texts.get("call.phase.ended"));
        if (stopTimer != null) {
            stopTimer.run();
        }
        onFinished.run();
    }

    @Override
    public void close() {
        finished = true;
        if (stopTimer != null) {
            stopTimer.run();
        }
        // Disposing native WebRTC objects can take a moment: never on the FX thread.
        Fx.background(engine::close);
    }

    public Texts texts() {
        return texts;
    }

    public CallEngine engine() {
        return engine;
    }

    public String patientName() {
        return patientName;
    }

    public ReadOnlyObjectProperty<CallPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** "Waiting for Maria Silva to join...", "Connected", ... */
    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    /** Time since the call connected, "03:27". */
    public ReadOnlyStringProperty timerTextProperty() {
        return timerText.getReadOnlyProperty();
    }

    /** The doctor's own microphone, camera and screen share. */
    public MediaToggles own() {
        return own;
    }

    /** The patient's side: camera, screen share, and what to tell the doctor about it. */
    public RemoteParty remote() {
        return remote;
    }

    /** "Reconnecting..." while the signaling socket is down, else empty. */
    public ReadOnlyStringProperty signalingTextProperty() {
        return signalingText.getReadOnlyProperty();
    }

    /** The engine's plain-language notices (no camera, call failed...), one a line, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The call's live quality: indicator, reason, figures, chart samples, camera suggestion. */
    public QualityViewModel quality() {
        return quality;
    }

    public ObservableList<ChatLine> chat() {
        return readOnlyChat;
    }

    /** The chat input. */
    public StringProperty chatDraftProperty() {
        return chatDraft;
    }
}
