/**
 * IT's connectivity check: server and certificate, {@code /api/info}, the WebSocket, STUN, TURN over UDP, TCP and
 * TLS, and packets through the relay. Typed results only; the console words them.
 */
package dev.carecall.console.check;
