package dev.carecall.protocol.rest;

/**
 * Body of {@code GET /api/info}: lets a client check it reached a CareCall server before signing in, and tells it
 * where the signaling WebSocket listens. This is the one source of the WebSocket address for the patient page and
 * the console alike, in every layout: the demo's one port, production's own WSS port, a TLS-terminating proxy.
 *
 * @param product         always "CareCall"
 * @param version         the server's version
 * @param protocolVersion the server's protocol version
 * @param websocketUrl    the WebSocket base, e.g. {@code ws://127.0.0.1:8080} or {@code wss://clinic.example.org:8444};
 *                        rooms are at {@code <base>/ws/appointments/{id}}, the doctor's lobby at {@code <base>/ws/lobby}
 */
public record ServerInfo(String product, String version, int protocolVersion, String websocketUrl) {
}
