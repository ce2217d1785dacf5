/**
 * The wire contract between the signaling backend, the desktop console and the patient page.
 *
 * <p>Every WebSocket message is a JSON object whose {@code type} field names it. Messages a client sends are the
 * records of the {@link dev.carecall.protocol.ClientMessage} envelope (the call actions among them are
 * {@link dev.carecall.protocol.RoomRequest}s); messages the server sends are the records of the
 * {@link dev.carecall.protocol.ServerMessage} envelope, split by socket into {@link dev.carecall.protocol.RoomMessage}
 * and {@link dev.carecall.protocol.LobbyMessage}. WebRTC payloads are typed as
 * {@link dev.carecall.protocol.SignalPayload} and relayed exactly as written. {@link dev.carecall.protocol.ProtocolCodec}
 * is the only place that turns them into JSON and back; bad input becomes a
 * {@link dev.carecall.protocol.ProtocolException} with an {@link dev.carecall.protocol.ErrorCode}. See
 * {@code PROTOCOL.md} beside this module's pom.
 */
package dev.carecall.protocol;
