package dev.carecall.console.appointments;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.console.signaling.SignalingListener;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.console.waitingroom.Alerts;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.LobbyMessage;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.AppointmentView;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The appointment list: loaded over REST, kept live by the lobby socket. FX thread only.
 */
public final class AppointmentListViewModel implements AutoCloseable {
    private final DoctorSession session;
    private final Texts texts;
    private final PlainLanguage plain;
    private final Consumer<String> onSessionExpired;
    private final Clock clock;
    private final ObservableList<AppointmentItem> items = FXCollections.observableArrayList();
    private final ObservableList<AppointmentItem> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "");
    private final ReadOnlyStringWrapper liveStatus = new ReadOnlyStringWrapper(this, "liveStatus", "");
    private final Alerts alerts;
    /** The waiting room's banner: the patient who has waited longest, or null when none waits or it was hidden. */
    private final ReadOnlyObjectWrapper<AppointmentItem> bannerItem = new ReadOnlyObjectWrapper<>(this, "bannerItem");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper(this, "bannerText", "");
    private boolean bannerHidden;
    /** Stops the once-a-second tick (waiting times, the banner); null until the list opens. */
    private Runnable stopTicker;
    private SignalingClient<LobbyMessage> lobby;
    private boolean lobbyRegisteredBefore;
    private boolean closed;

    /**
     * @param session          the signed-in doctor
     * @param texts            the console's language
     * @param onSessionExpired called with the message for the sign-in screen when the token stops working
     */
    public AppointmentListViewModel(DoctorSession session, Texts texts, Consumer<String> onSessionExpired) {
        this(session, texts, onSessionExpired, Alerts.silent());
    }

    /** As above, with what a knock sets off besides the banner (sound, desktop notification). */
    public AppointmentListViewModel(DoctorSession session, Texts texts, Consumer<String> onSessionExpired,
                                    Alerts alerts) {
        this(session, texts, onSessionExpired, Clock.systemDefaultZone(), alerts);
    }

    AppointmentListViewModel(DoctorSession session, Texts texts, Consumer<String> onSessionExpired, Clock clock) {
        this(session, texts, onSessionExpired, clock, Alerts.silent());
    }

    AppointmentListViewModel(DoctorSession session, Texts texts, Consumer<String> onSessionExpired, Clock clock,
                             Alerts alerts) {
        this.alerts = alerts;
        this.session = session;
        this.texts = texts;
        this.plain = new PlainLanguage(texts);
        this.onSessionExpired = onSessionExpired;
        this.clock = clock;
    }

    /** Loads the list and opens the lobby socket that keeps it live. */
    public void open() {
        if (stopTicker == null) {
            stopTicker = Fx.every(Duration.ofSeconds(1), () -> {
                if (!closed) {
                    tick();
                }
            });
        }
        refresh();
        lobby = new SignalingClient<>(SignalingClient.lobbyUri(session.webSocketBaseUri()), session.token(),
                session.api().tls(), LobbyMessage.class, new SignalingListener<>() {
            @Override
            public void messageReceived(LobbyMessage message) {
                Fx.later(() -> lobbyMessage(message));
            }

            @Override
            public void stateChanged(SignalingState state) {
                Fx.later(() -> lobbyState(state));
            }
        });
        lobby.connect();
    }

    private void lobbyMessage(LobbyMessage message) {
        if (closed) {
            return;
        }
        switch (message) {
            case ServerMessage.CallStatusChanged changed ->
                    callStatusChanged(changed.appointmentId(), changed.callStatus(), changed.startedBy());
            // The clinic's systems booked, moved, paid or cancelled one: the list reads every field again.
            case ServerMessage.AppointmentChanged changed -> refresh();
            case ServerMessage.Registered registered -> {
                // After a drop, changes may have been missed while the socket was down: reload once.
                if (lobbyRegisteredBefore) {
                    refresh();
                }
                lobbyRegisteredBefore = true;
            }
            case ServerMessage.Error error -> {
                if (error.code() == ErrorCode.TOKEN_EXPIRED || error.code() == ErrorCode.INVALID_TOKEN) {
                    onSessionExpired.accept(plain.sessionExpired());
                } else if (error.code() == ErrorCode.TOKEN_REVOKED) {
                    onSessionExpired.accept(plain.describe(error.code()));
                }
            }
            case ServerMessage.Pong ignored -> {
                // the signaling client's keepalive
            }
            case ServerMessage.PatientReadiness ready -> patientReadiness(ready.appointmentId(), ready.readiness());
        }
    }

    private void lobbyState(SignalingState state) {
        if (closed) {
            return;
        }
        liveStatus.set(switch (state) {
            case CONNECTING, CONNECTED -> "";
            case RECONNECTING -> texts.get("appointments.reconnecting");
            case CLOSED -> texts.get("appointments.liveStopped");
        });
    }

    /** Loads the list again from the server. */
    public void refresh() {
        loading.set(true);
        Fx.background(() -> session.api().appointments(session.token()), this::loaded, this::failed);
    }

    private void loaded(List<AppointmentView> views) {
        if (closed) {
            return;
        }
        loading.set(false);
        error.set("");
        LocalDate today = LocalDate.now(clock);
        Map<Long, AppointmentItem> before = new HashMap<>();
        items.forEach(item -> before.put(item.id(), item));
        List<AppointmentItem> fresh = views.stream()
                .map(view -> new AppointmentItem(view, clock.getZone(), today, texts)).toList();
        for (AppointmentItem item : fresh) {
            AppointmentItem oldItem = before.get(item.id());
            WaitingRoomState old = oldItem == null ? null : oldItem.waitingRoom();
            // A reload keeps what the lobby told: the check and since when the patient waits.
            item.waitingRoom().waitingSince(old != null && old.waitingSince() != null ? old.waitingSince()
                    : item.callStartedAt() != null ? item.callStartedAt() : clock.instant());
            if (old != null && old.lastReadiness() != null) {
                item.waitingRoom().readiness(old.lastReadiness());
            }
        }
        items.setAll(fresh.stream().sorted(ORDER).toList());
        tick();
    }

    /** Patients in the waiting room first (the longest waiting on top), then the day's order. */
    private static final Comparator<AppointmentItem> ORDER = Comparator
            .comparing((AppointmentItem item) -> item.waitingRoom().waitingSince() == null)
            .thenComparing(item -> Objects.requireNonNullElse(item.waitingRoom().waitingSince(), Instant.MAX))
            .thenComparing(AppointmentItem::scheduledAt);

    private void failed(Throwable failure) {
        if (closed) {
            return;
        }
        loading.set(false);
        if (failure instanceof ApiException api && api.sessionExpired()) {
            onSessionExpired.accept(plain.sessionExpired());
            return;
        }
        error.set(plain.describe(failure));
    }

    /** One appointment's call status changed (lobby socket). */
    void callStatusChanged(long appointmentId, CallStatus status, Role startedBy) {
        for (AppointmentItem item : List.copyOf(items)) {
            if (item.id() == appointmentId) {
                boolean wasWaiting = item.waitingRoom().waitingForDoctor();
                item.update(status, startedBy);
                if (item.waitingRoom().waitingForDoctor() && !wasWaiting) {
                    item.waitingRoom().waitingSince(clock.instant());
                    bannerHidden = false;
                    info.set(""); // an earlier "message sent" or "declined" is not about this knock
                    alerts.knocked(item.patientName(), texts);
                }
            }
        }
        FXCollections.sort(items, ORDER);
        tick();
    }

    /** A patient's pre-call check arrived (lobby socket). */
    void patientReadiness(long appointmentId, Readiness readiness) {
        for (AppointmentItem item : items) {
            if (item.id() == appointmentId) {
                item.waitingRoom().readiness(readiness);
            }
        }
    }

    /** Once a second: how long each patient has waited, and the banner. */
    private void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        items.forEach(item -> item.waitingRoom().tick(now));
        List<AppointmentItem> waiting = items.stream().filter(i -> i.waitingRoom().waitingSince() != null).toList();
        AppointmentItem first = bannerHidden || waiting.isEmpty() ? null : waiting.getFirst();
        bannerItem.set(first);
        String waited = first == null ? "" : first.waitingRoom().waited(now);
        bannerText.set(first == null ? "" : waiting.size() == 1
                ? texts.get("waiting.banner", first.patientName(), waited)
                : texts.get("waiting.bannerMore", first.patientName(), waited, waiting.size() - 1));
    }

    /** The doctor hid the banner; the next knock shows it again. */
    public void hideBanner() {
        bannerHidden = true;
        tick();
    }

    /** Writes to the waiting patient; the list then says it arrived. */
    public void sendWaitingMessage(AppointmentItem item, String text) {
        info.set("");
        Fx.background(() -> {
            session.api().sendWaitingMessage(item.id(), text, session.token());
            return item;
        }, sent -> {
            if (!closed) {
                error.set("");
                info.set(texts.get("waiting.messageSent", sent.patientName()));
            }
        }, this::failed);
    }

    /** Declines the waiting patient with a reason they read; the call ends. */
    public void decline(AppointmentItem item, String reason) {
        info.set("");
        Fx.background(() -> session.api().decline(item.id(), reason, session.token()), status -> {
            if (!closed) {
                error.set("");
                info.set(texts.get("waiting.declined", item.patientName()));
                callStatusChanged(item.id(), status.callStatus(), status.startedBy());
            }
        }, this::failed);
    }

    /** The banner's patient (the longest waiting), or null. */
    public ReadOnlyObjectProperty<AppointmentItem> bannerItemProperty() {
        return bannerItem.getReadOnlyProperty();
    }

    /** "Maria Schneider is waiting for you (since 0:42).", or empty. */
    public ReadOnlyStringProperty bannerTextProperty() {
        return bannerText.getReadOnlyProperty();
    }

    /** Shows a plain-language problem above the list (e.g. a call that could not start). */
    public void showProblem(String message) {
        error.set(message);
    }

    /** "Send link": the backend sends the invitation again; the list then shows how it went. */
    public void sendLink(AppointmentItem item) {
        Fx.background(() -> {
            session.api().sendLink(item.id(), session.token());
            return item;
        }, sent -> {
            if (!closed) {
                error.set("");
                info.set(texts.get("appointments.linkSent", sent.patientName()));
                refresh();
            }
        }, this::failed);
    }

    /**
     * Makes a new join link for the appointment (the old one stops working) and hands it to {@code copy} on the FX
     * thread, so the view can put it on the clipboard; then says so above the list.
     */
    public void sendNewLink(AppointmentItem item, Consumer<String> copy) {
        info.set("");
        Fx.background(() -> session.api().newJoinLink(item.id(), session.token()), view -> {
            if (closed) {
                return;
            }
            item.replaceJoinUrl(view.joinUrl());
            copy.accept(view.joinUrl());
            error.set("");
            info.set(texts.get("appointments.newLinkMade", item.patientName()));
        }, this::failed);
    }

    /** The view copied an appointment's join link to the clipboard. */
    public void joinLinkCopied(AppointmentItem item) {
        info.set(texts.get("appointments.linkCopied", item.patientName()));
    }

    public Texts texts() {
        return texts;
    }

    public ObservableList<AppointmentItem> items() {
        return readOnlyItems;
    }

    /** "Dr. Ana Costa". */
    public String doctorName() {
        return session.doctor().displayName();
    }

    /** The server's host, for the header. */
    public String serverName() {
        return session.api().baseUri().getAuthority();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** A plain-language error, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A short confirmation ("Join link copied"), or empty. */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** Empty while live updates work; otherwise why the list may be out of date. */
    public ReadOnlyStringProperty liveStatusProperty() {
        return liveStatus.getReadOnlyProperty();
    }

    DoctorSession session() {
        return session;
    }

    @Override
    public void close() {
        closed = true;
        if (stopTicker != null) {
            stopTicker.run();
        }
        SignalingClient<LobbyMessage> socket = lobby;
        if (socket != null) {
            Fx.background(socket::close);
        }
    }
}
