/**
 * Cameras, microphones, speakers and screens through webrtc-java, and synthetic media where there are none: device
 * lists for the settings view, the per-call {@link dev.carecall.console.media.LocalMedia} (factory, audio module,
 * tracks and sources, disposed in order), the test picture, and the newest-frame-only
 * {@link dev.carecall.console.media.FrameFeed}.
 */
package dev.carecall.console.media;
