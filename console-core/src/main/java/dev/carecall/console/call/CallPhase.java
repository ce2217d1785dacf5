package dev.carecall.console.call;

/** Where this side of the call stands; drives what the doctor sees and which buttons are offered. */
public enum CallPhase {
    /** Signaling not registered yet (first connect). */
    CONNECTING,
    /** Registered; no call is running: offer "Start Call". */
    READY,
    /** This side started the call and waits for the other party. */
    WAITING_FOR_PEER,
    /** The other party started the call: offer "Join Call". */
    INCOMING,
    /** Both joined; the peer connection is being set up. */
    NEGOTIATING,
    /** Media flows. */
    CONNECTED,
    /** The peer connection was lost; an ICE restart is under way. */
    RECONNECTING_MEDIA,
    /** The call ended (by either party). */
    ENDED,
    /** The call could not be set up or kept; {@link CallListener#notice} said why. */
    FAILED
}
