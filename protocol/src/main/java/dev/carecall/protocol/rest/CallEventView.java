package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * One entry of a session's signaling log: what kind of message passed, from whom, when. Never SDP or candidates.
 *
 * @param at      when the server saw it
 * @param event   what passed, e.g. {@code startCall}, {@code offer}, {@code candidate}, {@code disconnected}
 * @param from    who caused it, or null for the server
 * @param quality the figures of a {@code qualitySample} entry; null (and absent on the wire) for every other event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEventView(Instant at, CallEvent event, Role from, QualitySample quality) {
    /** An entry without quality figures: every event but {@code qualitySample}. */
    public CallEventView(Instant at, CallEvent event, Role from) {
        this(at, event, from, null);
    }
}
