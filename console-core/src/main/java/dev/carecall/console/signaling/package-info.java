/** The WebSocket to the signaling backend (Tyrus client): register, send, receive, reconnect every 3 seconds. */
package dev.carecall.console.signaling;
