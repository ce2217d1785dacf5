/**
 * Call quality: the parties' {@code quality} reports summed up per call session and role ({@link
 * dev.carecall.backend.quality.CallQualities}) and stored in {@code call_quality} for the call's history.
 */
package dev.carecall.backend.quality;
