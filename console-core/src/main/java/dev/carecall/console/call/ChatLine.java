package dev.carecall.console.call;

import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * A chat line of the call.
 *
 * @param from   who wrote it
 * @param text   the line
 * @param sentAt when the server received it
 * @param mine   true when this side wrote it
 */
public record ChatLine(Role from, String text, Instant sentAt, boolean mine) {
}
