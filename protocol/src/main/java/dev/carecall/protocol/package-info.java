/**
 * The wire contract between the signaling backend, the desktop console and the patient page.
 *
 * <p>Every WebSocket message is a JSON object whose {@code type} field names it. Messages a client sends are the
 * records of {@link dev.carecall.protocol.ClientMessage}; messages the server sends are the records of
 * {@link dev.carecall.protocol.ServerMessage}. {@link dev.carecall.protocol.ProtocolCodec} is the only place that
 * turns them into JSON and back; bad input becomes a {@link dev.carecall.protocol.ProtocolException} with an
 * {@link dev.carecall.protocol.ErrorCode}. See {@code PROTOCOL.md} beside this module's pom.
 */
package dev.carecall.protocol;
