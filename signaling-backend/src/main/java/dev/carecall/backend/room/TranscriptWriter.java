package dev.carecall.backend.room;

import dev.carecall.backend.history.CallHistory;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.Role;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stores the chat lines of live calls, in the order the rooms relay them, up to
 * {@link CallHistory#MAX_TRANSCRIPT_LINES} per session. Rooms hand a line over from their queue and go on: one thread
 * of its own does the JDBC, so a slow database never holds up a room, nor the socket of the person who wrote (which
 * waits for its room task, and must still answer the server's pings). A line that cannot be stored is still relayed;
 * the log says what was lost.
 */
final class TranscriptWriter {
    private static final System.Logger LOG = System.getLogger(TranscriptWriter.class.getName());
    /** Sessions whose stored count is remembered: the live calls, with room to spare. */
    private static final int SESSIONS = 10_000;

    private final CareCallStore store;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("transcript-writer").factory());
    /** Lines stored per session; touched only on {@link #thread}. */
    private final Map<Long, Integer> stored = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > SESSIONS;
        }
    };

    TranscriptWriter(CareCallStore store) {
        this.store = store;
    }

    /** Stores the line as the session's next one (called on the room's queue, so lines keep the room's order). */
    void keep(long sessionId, Instant at, Role from, String text) {
        thread.execute(() -> write(sessionId, at, from, text));
    }

    /**
     * Waits until every line handed over before this call is stored (at most 5 seconds), so the history read next
     * shows what both parties saw.
     */
    void awaitWritten() {
        try {
            thread.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "chat lines are still being stored; the history may miss the newest: " + e);
        }
    }

    private void write(long sessionId, Instant at, Role from, String text) {
        try {
            // A session new to this process (a restart, or its first line) continues the numbering that is stored.
            int count = stored.computeIfAbsent(sessionId, store::chatLineCount);
            if (count >= CallHistory.MAX_TRANSCRIPT_LINES) {
                return;
            }
            store.addChatLine(sessionId, count + 1, at, from, text);
            stored.put(sessionId, count + 1);
        } catch (RuntimeException e) {
            stored.remove(sessionId); // counted again from the database with the next line
            LOG.log(Level.WARNING, "a chat line of session " + sessionId + " was relayed but not stored: " + e);
        }
    }
}
