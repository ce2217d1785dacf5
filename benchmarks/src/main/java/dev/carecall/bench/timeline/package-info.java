/**
 * Call setup timeline: the patient page in headless Chromium (or a second call engine) joins a call the doctor's
 * engine started, and every step from the Join click to the first remote frame at both ends is stamped on one
 * clock: the page's {@code performance.timeOrigin + performance.now()}, the engine's listener and frame counter,
 * and a tap on the engine's signaling socket that sees each message pass.
 */
package dev.carecall.bench.timeline;
