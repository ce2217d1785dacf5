/**
 * One appointment's video call, headless: the {@link dev.carecall.console.call.CallEngine} owns the WebRTC peer
 * connection (webrtc-java) and its signaling socket, and reports to a {@link dev.carecall.console.call.CallListener}.
 * Nothing here knows JavaFX; the desktop console's call view and the tests drive the same engine.
 */
package dev.carecall.console.call;
