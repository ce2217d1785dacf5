package dev.carecall.backend.quality;

import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * One party's media over one call session, from the {@code quality} reports it sent: medians and worst values per
 * direction ("send" is that party's upload) and how long it judged the call fair or poor. A figure the party never
 * reported is null.
 *
 * @param sessionId            the call session
 * @param role                 whose reports
 * @param reports              how many reports went into it
 * @param rttMedianMs          median media round trip, ms
 * @param rttWorstMs           worst media round trip, ms
 * @param sendLossMedianPct    median share of its packets lost on the way to the other party, %
 * @param sendLossWorstPct     worst of that, %
 * @param receiveLossMedianPct median share of the other party's packets that did not reach it, %
 * @param receiveLossWorstPct  worst of that, %
 * @param sendKbpsMedian       median bitrate sent, kbit/s
 * @param sendKbpsLowest       lowest bitrate sent, kbit/s
 * @param receiveKbpsMedian    median bitrate received, kbit/s
 * @param receiveKbpsLowest    lowest bitrate received, kbit/s
 * @param secondsFair          seconds it judged the call fair
 * @param secondsPoor          seconds it judged the call poor
 * @param updatedAt            when its last report arrived
 * @param client               which program reported (null: it did not say)
 * @param localCandidate       the type of its own candidate in the selected pair, as its last report naming one said
 * @param remoteCandidate      the type of the other party's candidate in that pair
 */
public record QualitySummary(long sessionId, Role role, int reports, Integer rttMedianMs, Integer rttWorstMs,
                             Double sendLossMedianPct, Double sendLossWorstPct, Double receiveLossMedianPct,
                             Double receiveLossWorstPct, Integer sendKbpsMedian, Integer sendKbpsLowest,
                             Integer receiveKbpsMedian, Integer receiveKbpsLowest, int secondsFair,
                             int secondsPoor, Instant updatedAt, ClientKind client,
                             CandidateType localCandidate, CandidateType remoteCandidate) {
}
