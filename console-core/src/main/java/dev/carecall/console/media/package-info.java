/** Cameras, microphones, speakers and screens through webrtc-java, and synthetic media where there are none. */
package dev.carecall.console.media;
