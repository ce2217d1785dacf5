package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.RelayedSignal;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;

import java.util.function.Supplier;

/**
 * What one party of a room sends the other during its call, from the party's socket: signals straight from the
 * sender's thread, media state and screen share through the room's queue, a media interruption into the stored log,
 * quality reports and chat lines through their own relays ({@link QualityRelay}, {@link ChatRelay}).
 *
 * <p>A relayed signal takes no queue task, lock or database call: it is checked against the room's volatile status
 * and put in the other socket's send queue from the sender's own thread.
 */
final class CallRelay {
    private final Rooms rooms;
    private final CallMetrics metrics;
    private final ChatRelay chat;
    private final QualityRelay quality;

    CallRelay(Rooms rooms, CallMetrics metrics, ChatRelay chat, QualityRelay quality) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.chat = chat;
        this.quality = quality;
    }

    /**
     * Passes a WebRTC payload to the other party of this room only, unchanged, straight from the sender's thread:
     * no queue task, no lock, no database. Its log entry (its kind only) waits in the room's lock-free list.
     */
    void signal(Participant participant, long appointmentId, SignalPayload signal) {
        Room room = liveRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.seats.relayTo(from.other(), new ServerMessage.Signal(from, signal));
        relayed(room, CallEvent.of(signal), from);
    }

    /**
     * As {@link #signal(Participant, long, SignalPayload)} for a signal read by its envelope only: the frame the other
     * party gets is the sender's payload text in the server's envelope, never parsed into a tree nor written again.
     *
     * @param typed the payload as a typed message, read only for a party on another instance
     */
    void signal(Participant participant, long appointmentId, RelayedSignal signal,
                Supplier<SignalPayload> typed) {
        Room room = liveRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.seats.relayTo(from.other(), signal.encodeFrom(from), () -> new ServerMessage.Signal(from, typed.get()));
        relayed(room, signal.event(), from);
    }

    private Room liveRoom(Participant participant, long appointmentId) {
        Room room = rooms.seated(participant, appointmentId);
        if (!room.status().isLive()) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                    "There is no call to send this to. Start the call first.");
        }
        return room;
    }

    private void relayed(Room room, CallEvent event, Role from) {
        room.noteRelayed(event, from);
        metrics.signalRelayed();
    }

    /** Camera and microphone on or off; relayed only for a paid appointment. */
    void mediaState(Participant participant, long appointmentId, boolean audio, boolean video) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.MediaState(from, audio, video), CallEvent.MEDIA_STATE);
    }

    void screenShare(Participant participant, long appointmentId, boolean active) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.ScreenShare(from, active),
                active ? CallEvent.SCREEN_SHARE_STARTED : CallEvent.SCREEN_SHARE_STOPPED);
    }

    /** The party's media stopped or came back: kept in the call's stored log, not relayed. */
    void mediaConnection(Participant participant, long appointmentId, MediaConnection state) {
        Room room = rooms.seated(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            room.recordAndStore(state.event(), from);
            return null;
        });
    }

    /** A party's quality report: to the other party and into the session's summary ({@link QualityRelay}). */
    void quality(Participant participant, long appointmentId, QualityReport report) {
        quality.report(rooms.seated(participant, appointmentId), participant, report);
    }

    /** A chat line: to both parties and into the call's transcript ({@link ChatRelay}). */
    void chat(Participant participant, long appointmentId, String text) {
        chat.relay(rooms.seated(participant, appointmentId), participant, text);
    }

    private void relay(Participant participant, long appointmentId, ServerMessage message, CallEvent event) {
        Room room = rooms.seated(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            requirePaid(room);
            room.recordWhileLive(event, from);
            room.seats.relayTo(from.other(), message);
            return null;
        }, participant::isOpen);
    }

    /** An unpaid appointment's room relays nothing between the parties (the call itself cannot start). */
    static void requirePaid(Room room) {
        if (!room.paid()) {
            throw new CareCallException(ErrorCode.PAYMENT_REQUIRED,
                    "This appointment is not paid yet, so nothing is passed on. Please complete the payment.");
        }
    }
}
