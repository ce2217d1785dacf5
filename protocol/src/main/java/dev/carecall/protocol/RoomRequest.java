package dev.carecall.protocol;

/**
 * The client messages that act on an appointment's call and so belong on its room socket only: start, join, end,
 * the WebRTC signals and what the parties tell each other during the call. The lobby socket refuses them.
 */
public sealed interface RoomRequest extends ClientMessage permits ClientMessage.StartCall, ClientMessage.JoinCall,
        ClientMessage.Signal, ClientMessage.EndCall, ClientMessage.MediaState, ClientMessage.ScreenShare,
        ClientMessage.Chat, ClientMessage.MediaConnectionChanged, ClientMessage.ReadinessReport,
        ClientMessage.Quality {
}
