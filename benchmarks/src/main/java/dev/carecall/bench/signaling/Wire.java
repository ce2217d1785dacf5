package dev.carecall.bench.signaling;

/**
 * How a relay's clients speak: where a socket connects, what it says until its room is set up, and how a signal is
 * wrapped. Setup calls happen on the room's loop thread.
 */
interface Wire {
    /** Name in the report ("CareCall", "Socket.IO"). */
    String name();

    /** Request path of the socket's upgrade. */
    String path(Room room, Peer peer);

    /** The socket is open. */
    void opened(Room room, Peer peer);

    /** A text message that arrived before the room was set up (or that carries no signal afterwards). */
    void text(Room room, Peer peer, String text);

    /** The whole text message that carries {@code signal} (a JSON object) from {@code peer} to the other party. */
    String signalMessage(Room room, Peer peer, String signal);
}
