package dev.carecall.console.history;

import java.util.List;

/**
 * One call as the history view shows it, already in words: the view lays these out and adds nothing.
 *
 * @param sessionId      the call session
 * @param heading        when it was and how long it lasted ("Today, 14:30 · 12 min 5 s")
 * @param outcome        how it ended, or that it still runs
 * @param timeline       who came, went, reconnected, and the end, oldest first
 * @param quality        label and value pairs; empty when nobody joined
 * @param qualityNote    a sentence below the figures (nothing measured, or none reported), or empty
 * @param transcript     the chat, oldest first
 * @param transcriptNote a sentence when the chat is empty or was cut at its limit, or empty
 */
public record SessionItem(long sessionId, String heading, String outcome, List<TimedLine> timeline,
                          List<Figure> quality, String qualityNote, List<ChatEntry> transcript,
                          String transcriptNote) {
    public SessionItem {
        timeline = List.copyOf(timeline);
        quality = List.copyOf(quality);
        transcript = List.copyOf(transcript);
    }

    /** "14:30:05", "The patient joined". */
    public record TimedLine(String time, String text) {
    }

    /** "Round trip (median / worst)", "45 / 300 ms"; a heading row has an empty value. */
    public record Figure(String label, String value) {
        public boolean heading() {
            return value.isEmpty();
        }
    }

    /** One chat line: when, who ("You" or the patient's name), whether the doctor wrote it, the words. */
    public record ChatEntry(String time, String who, boolean mine, String text) {
    }
}
