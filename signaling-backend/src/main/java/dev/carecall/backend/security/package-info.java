/**
 * What every browser-facing answer and upgrade is checked for: security headers and the page's Content Security
 * Policy ({@link dev.carecall.backend.security.SecurityHeaders}), request size limits, and the Origin allow-list of
 * WebSocket upgrades ({@link dev.carecall.backend.security.WebSocketOrigins}).
 */
package dev.carecall.backend.security;
