package dev.carecall.console.signaling;

import dev.carecall.protocol.ServerMessage;

/**
 * What a {@link SignalingClient} reports. Called on the client's single thread, in order; never block there and
 * hand UI work to the UI thread.
 *
 * @param <M> the socket's family of server messages: {@code RoomMessage} or {@code LobbyMessage}
 */
public interface SignalingListener<M extends ServerMessage> {

    /** A message from the server, {@code registered} included (after every (re)connect). */
    void messageReceived(M message);

    /** The socket's state changed; {@link SignalingState#CONNECTED} means registered. */
    default void stateChanged(SignalingState state) {
    }
}
