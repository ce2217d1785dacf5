package dev.carecall.backend.room;

import dev.carecall.backend.history.TranscriptSettings;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.ChatLineView;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The room's chat: relays each line to both parties in the room's order, stores it with the running call's session
 * (its transcript, unless the settings say not to), and gives a party that comes back into a running call (a reload,
 * a dropped socket) the transcript so far.
 */
final class ChatRelay {
    private final CareCallStore store;
    private final TranscriptSettings transcripts;
    private final TranscriptWriter writer;

    ChatRelay(CareCallStore store, TranscriptSettings transcripts) {
        this.store = store;
        this.transcripts = transcripts;
        this.writer = new TranscriptWriter(store);
    }

    TranscriptSettings settings() {
        return transcripts;
    }

    /**
     * A chat line goes to both, so each side shows it once, in the server's order. While a call waits or runs it is
     * stored with the call's session first (its transcript, unless the settings say not to), so what both saw is
     * what the history shows. Only a paid appointment's room relays it.
     */
    void relay(Room room, Participant participant, String text) {
        Role from = participant.caller().role();
        room.queue.call(() -> {
            CallRelay.requirePaid(room);
            Instant now = room.now();
            room.recordWhileLive(CallEvent.CHAT, from);
            ServerMessage.Chat line = new ServerMessage.Chat(from, text, now);
            // First: if it cannot reach them, the sender does not see it as sent.
            room.seats.relayTo(from.other(), line);
            if (transcripts.store() && room.status().isLive()) {
                writer.keep(room.sessionId(), now, from, text);
            }
            room.seats.sendTo(from, line);
            return null;
        }, participant::isOpen);
    }

    /**
     * Sends a party that registered into the running call {@code sessionId} the lines stored so far
     * ({@code chatTranscript}), nothing when there are none. Called after its registration, off the room's queue: it
     * waits for the lines being stored and reads the database. A line relayed meanwhile may reach the party both
     * ways; clients show each line once.
     */
    void transcriptTo(Participant participant, long appointmentId, long sessionId) {
        if (!transcripts.store()) {
            return;
        }
        writer.awaitWritten();
        Map<Long, List<ChatLineView>> bySession = store.transcriptsOf(appointmentId);
        List<ChatLineView> lines = bySession.getOrDefault(sessionId, List.of());
        if (!lines.isEmpty() && participant.isOpen()) {
            participant.send(new ServerMessage.ChatTranscript(sessionId, lines));
        }
    }

    /** The appointment's transcripts by session, every line handed over before this call included. */
    Map<Long, List<ChatLineView>> transcriptsOf(long appointmentId) {
        writer.awaitWritten();
        return store.transcriptsOf(appointmentId);
    }
}
