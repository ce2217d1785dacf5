package dev.carecall.protocol.rest;

/**
 * Body of {@code GET /api/info}: lets a client check it reached a CareCall server before signing in.
 *
 * @param product         always "CareCall"
 * @param version         the server's version
 * @param protocolVersion the server's protocol version
 */
public record ServerInfo(String product, String version, int protocolVersion) {
}
