package dev.carecall.backend.room;

import dev.carecall.backend.history.CallHistory;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.Role;

import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Stores the chat lines of a room's live call, in the order the room relays them, up to
 * {@link CallHistory#MAX_TRANSCRIPT_LINES} per session. Used on the room's queue only. A line that cannot be stored (the database is away) is still relayed:
 * the call goes on, and the log says what was lost.
 */
final class Transcript {
    private static final System.Logger LOG = System.getLogger(Transcript.class.getName());

    private final CareCallStore store;
    /** The session whose lines {@link #stored} counts, or null before the first line of this room. */
    private Long session;
    private int stored;

    Transcript(CareCallStore store) {
        this.store = store;
    }

    /** Stores the line as the session's next one, unless the session has all it may keep. */
    void keep(long sessionId, Instant at, Role from, String text) {
        try {
            if (session == null || session != sessionId) {
                // A room made after a restart (or an eviction) continues the numbering of what is stored.
                stored = store.chatLineCount(sessionId);
                session = sessionId;
            }
            if (stored >= CallHistory.MAX_TRANSCRIPT_LINES) {
                return;
            }
            store.addChatLine(sessionId, stored + 1, at, from, text);
            stored++;
        } catch (RuntimeException e) {
            session = null; // counted again from the database with the next line
            LOG.log(Level.WARNING, "a chat line of session " + sessionId + " was relayed but not stored: " + e);
        }
    }
}
