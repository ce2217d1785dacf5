/**
 * One appointment's video call, headless: the {@link dev.carecall.console.call.CallEngine} owns the WebRTC peer
 * connection (webrtc-java) and its signaling socket, and reports to a {@link dev.carecall.console.call.CallListener},
 * with what went wrong as a typed {@link dev.carecall.console.call.CallProblem}. Nothing here knows JavaFX or any
 * language; the desktop console's call view and the tests drive the same engine.
 */
package dev.carecall.console.call;
