/**
 * Cameras, microphones, speakers and screens through webrtc-java, and synthetic media where there are none: device
 * lists for the settings view, the per-call {@link dev.carecall.console.media.LocalMedia} (factory, audio module,
 * tracks and sources, disposed in order) with {@link dev.carecall.console.media.DeviceChoice} picking its devices and
 * {@link dev.carecall.console.media.XDisplay} telling whether a screen can be captured, the test picture, and the
 * newest-frame-only {@link dev.carecall.console.media.FrameFeed} behind a {@link dev.carecall.console.media.VideoFeed}.
 * What is missing is a {@link dev.carecall.console.media.MediaProblem}, never a sentence: the console words it.
 */
package dev.carecall.console.media;
