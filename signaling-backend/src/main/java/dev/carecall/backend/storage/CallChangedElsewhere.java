package dev.carecall.backend.storage;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

/**
 * A call transition found the stored call in another state than the room knew: another instance (or another room
 * task after a reload) changed it first. Nothing was written; the room reads the stored call and decides again.
 * Reaches a client only if that keeps happening ({@code CONFLICT}).
 */
public final class CallChangedElsewhere extends CareCallException {
    public CallChangedElsewhere() {
        super(ErrorCode.CONFLICT, "The call changed at the same moment somewhere else. Please try again.");
    }
}
