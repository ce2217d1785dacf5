package dev.carecall.protocol;

/**
 * What the server sends on an appointment's room socket: the call's state, the other party's signals and what it
 * tells during the call, plus the messages every socket gets ({@code registered}, {@code pong}, {@code error}).
 * A room client switches over this family only.
 */
public sealed interface RoomMessage extends ServerMessage permits ServerMessage.Registered, ServerMessage.ActiveCall,
        ServerMessage.JoinerConnected, ServerMessage.Signal, ServerMessage.CallEnded, ServerMessage.MediaState,
        ServerMessage.ScreenShare, ServerMessage.Chat, ServerMessage.PeerPresence, ServerMessage.Quality,
        ServerMessage.Pong, ServerMessage.Error, ServerMessage.WaitingMessage, ServerMessage.CallDeclined,
        ServerMessage.ChatTranscript {
}
