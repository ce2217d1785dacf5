package dev.carecall.console.call;

import dev.carecall.protocol.QualityLevel;

/**
 * The call's quality once a second, for the call view: the judgement with its reason, this side's figures, the other
 * side's latest ones, and whether it has stayed poor long enough to suggest turning the camera off.
 *
 * @param level             good, fair or poor
 * @param reason            what to tell the doctor, naming whose side it is on
 * @param mine              this side's figures of the last second
 * @param theirs            the other side's latest report's figures, or null when none is fresh
 * @param suggestCameraOff  poor for 15 seconds by now
 * @param atMillis          when it was measured ({@link System#currentTimeMillis()})
 */
public record CallQuality(QualityLevel level, QualityReason reason, MediaFigures mine, MediaFigures theirs,
                          boolean suggestCameraOff, long atMillis) {
}
