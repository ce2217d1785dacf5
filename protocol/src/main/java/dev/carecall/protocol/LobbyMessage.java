package dev.carecall.protocol;

/**
 * What the server sends on a doctor's lobby socket: call status changes of the doctor's appointments, plus the
 * messages every socket gets ({@code registered}, {@code pong}, {@code error}). The lobby client switches over this
 * family only.
 */
public sealed interface LobbyMessage extends ServerMessage permits ServerMessage.Registered,
        ServerMessage.CallStatusChanged, ServerMessage.AppointmentChanged, ServerMessage.Pong, ServerMessage.Error,
        ServerMessage.PatientReadiness {
}
