package dev.carecall.console.signaling;

/** The signaling socket's state, shown as "Reconnecting..." while it is down. */
public enum SignalingState {
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    CLOSED
}
