package dev.carecall.protocol.rest;

/**
 * Body of {@code GET /api/info}: lets a client check it reached a CareCall server before signing in, and tells it
 * where the signaling WebSocket listens (in production it has its own port, 8444 by default).
 *
 * @param product          always "CareCall"
 * @param version          the server's version
 * @param protocolVersion  the server's protocol version
 * @param webSocketBaseUrl e.g. {@code ws://127.0.0.1:8080} or {@code wss://clinic.example.org:8444}; rooms are at
 *                         {@code <base>/ws/appointments/{id}}, the doctor's lobby at {@code <base>/ws/lobby}
 */
public record ServerInfo(String product, String version, int protocolVersion, String webSocketBaseUrl) {
}
