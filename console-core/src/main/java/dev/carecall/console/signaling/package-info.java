/**
 * The WebSocket to the signaling backend (Tyrus client): register, send, receive, reconnect every 3 seconds. Used
 * by the call engine for an appointment's room and by the console for the doctor's lobby.
 */
package dev.carecall.console.signaling;
