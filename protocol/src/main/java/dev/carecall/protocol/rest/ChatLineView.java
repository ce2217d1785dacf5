package dev.carecall.protocol.rest;

import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * One line of a call's chat transcript, as the server relayed it ({@code chat}) and stored it.
 *
 * @param at   when the server received it ({@code chat.sentAt})
 * @param from who wrote it
 * @param text the line, 1–2000 characters
 */
public record ChatLineView(Instant at, Role from, String text) {
}
