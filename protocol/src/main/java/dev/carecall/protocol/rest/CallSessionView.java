package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.time.Instant;
import java.util.List;

/**
 * One call of an appointment, as {@code GET /api/appointments/{id}/call-history} lists it. Fields added after the
 * first version ({@code endReason}, {@code timeline}, {@code transcript}, {@code quality}) may be absent from older
 * servers' answers; clients that do not know them ignore them.
 *
 * @param id                  session id
 * @param status              waiting, active or ended
 * @param startedBy           who started it
 * @param startedAt           when
 * @param joinedAt            when the second party joined, or null
 * @param endedAt             when it ended, or null
 * @param endedBy             who ended it, or null
 * @param events              the signaling log (no SDP bodies), oldest first
 * @param endReason           why it ended ({@code callEnded.reason}), or null while it waits or runs and for calls
 *                            stored before the reason was
 * @param timeline            the log entries a person reads ({@link dev.carecall.protocol.CallEvent#onTimeline()}),
 *                            oldest first
 * @param transcript          the chat, oldest first (empty when nobody wrote)
 * @param transcriptTruncated true when the transcript reached its limit and later lines were not stored; else null
 * @param quality             the call's quality from its log, or null for a call nobody joined
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallSessionView(long id, CallStatus status, Role startedBy, Instant startedAt, Instant joinedAt,
                              Instant endedAt, Role endedBy, List<CallEventView> events,
                              CallEndReason endReason, List<CallEventView> timeline, List<ChatLineView> transcript,
                              Boolean transcriptTruncated, CallQualityView quality) {
}
