package dev.carecall.console.check;

/** The steps of the connectivity check, in the order they run. */
public enum CheckStep {
    /** The server answers at its address; with https, its certificate is trusted (which CA). */
    SERVER,
    /** {@code GET /api/info}: a CareCall server, and where its WebSocket is. */
    SERVER_INFO,
    /** Signing in with the user name and password given to the check (the command line only). */
    SIGN_IN,
    /** The WebSocket upgrade at the announced address, and registration on the lobby. */
    WEBSOCKET,
    /** A STUN binding: the address this computer has on the internet, as the server sees it. */
    STUN,
    /** A TURN allocation over UDP. */
    TURN_UDP,
    /** A TURN allocation over TCP. */
    TURN_TCP,
    /** A TURN allocation over TLS ({@code turns:}, e.g. on port 443 for hospital networks). */
    TURN_TLS,
    /** Packets sent through two relays and back, as call media would travel. */
    MEDIA_RELAY
}
