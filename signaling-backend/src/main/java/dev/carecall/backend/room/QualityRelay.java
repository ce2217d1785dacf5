package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.quality.CallQualities;
import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

import java.util.List;

/**
 * The parties' quality reports during a call: each goes to the other party as it came, straight from the sender's
 * thread like a signal (no queue task, no lock), and into the session's summary ({@link CallQualities}), which is
 * what the call's history shows.
 */
final class QualityRelay {
    private final CallQualities qualities;

    QualityRelay(CallQualities qualities) {
        this.qualities = qualities;
    }

    void report(Room room, Participant participant, QualityReport report) {
        Role from = participant.caller().role();
        Long session = room.sessionId();
        if (!room.status().isLive() || session == null) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL, "There is no call to report on.");
        }
        // Here or through the bus; a report lost with the bus is not worth an error (the next comes in a second).
        room.seats.sendTo(from.other(), new ServerMessage.Quality(from, report));
        qualities.report(session, from, report, room.now());
    }

    /** The call ended: its summaries are stored as they stand. */
    void ended(long sessionId) {
        qualities.ended(sessionId);
    }

    /** The session's summaries, the running parts included. */
    List<QualitySummary> summariesOf(long sessionId) {
        return qualities.summariesOf(sessionId);
    }
}
