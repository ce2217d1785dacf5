package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * One entry of a session's signaling log: what kind of message passed, from whom, when. Never SDP or candidates.
 * (Logs stored by earlier servers may carry a {@code quality} object on {@code qualitySample} entries; it is ignored.)
 *
 * @param at    when the server saw it
 * @param event what passed, e.g. {@code startCall}, {@code offer}, {@code candidate}, {@code disconnected}
 * @param from  who caused it, or null for the server
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEventView(Instant at, CallEvent event, Role from) {
}
