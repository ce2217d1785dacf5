package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A call's quality in {@code call-history}. The connection counts come from every call's log; the figures of each
 * side from the {@code quality} reports that side sent, as the server summed them up (null when it sent none, for
 * instance a client without quality reporting).
 *
 * @param reconnects                how often a party's socket came back (after a drop, a reload, a network change)
 * @param mediaInterruptions        how often a party's media broke off ({@code mediaInterrupted})
 * @param mediaInterruptedSeconds   how long the media was broken off in all, per party added up (an interruption
 *                                  that never got its {@code mediaRestored} counts until the call's end)
 * @param doctor                    the doctor's own figures, or null
 * @param patient                   the patient's own figures, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallQualityView(int reconnects, int mediaInterruptions, long mediaInterruptedSeconds,
                              QualityFigures doctor, QualityFigures patient) {
}
