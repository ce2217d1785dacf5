package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import org.openqa.selenium.By;

import java.util.Map;

/** Waits until a call between the page and the engine carries media both ways, and prints the figures. */
final class MediaBothWays {
    /** Enough media to be sure it flows, a few seconds of it, not a benchmark. */
    static final long FRAMES = 30;
    static final long AUDIO_PACKETS = 50;

    /** The figures of both sides once media flows both ways. */
    record Figures(Map<String, Object> page, CallStatistics engine) {
    }

    private MediaBothWays() {
    }

    /** Waits until video frames and audio packets arrive on both sides; prints the figures under {@code label}. */
    static Figures await(PatientBrowser page, DoctorSide doctor, String label) {
        page.until(d -> "connected".equals(page.state().get("media")));
        doctor.awaitPhase(CallPhase.CONNECTED);
        Map<String, Object> pageStats = page.until(d -> {
            Map<String, Object> s = page.stats();
            return s != null && number(s, "videoFramesDecoded") >= FRAMES
                    && number(s, "audioPacketsReceived") >= AUDIO_PACKETS
                    && number(s, "videoFramesSent") >= FRAMES && number(s, "audioPacketsSent") >= AUDIO_PACKETS ? s : null;
        }, () -> "page statistics " + page.stats() + "; transceivers "
                + page.script("return window.carecall.transceivers();"));
        CallStatistics engineStats = doctor.awaitStatistics(s -> s.videoFramesDecoded() >= FRAMES
                && s.audioPacketsReceived() >= AUDIO_PACKETS && s.videoFramesSent() >= FRAMES
                && s.audioPacketsSent() >= AUDIO_PACKETS, "frames and packets both ways");
        System.out.printf("[%s] page: video frames decoded %d, sent %d; audio packets received %d, sent %d; "
                        + "pair %s/%s%n", label, number(pageStats, "videoFramesDecoded"),
                number(pageStats, "videoFramesSent"), number(pageStats, "audioPacketsReceived"),
                number(pageStats, "audioPacketsSent"), pageStats.get("localCandidateType"),
                pageStats.get("remoteCandidateType"));
        System.out.printf("[%s] engine: video frames decoded %d, sent %d; audio packets received %d, sent %d; "
                        + "rtt %.1f ms; pair %s/%s%n", label, engineStats.videoFramesDecoded(),
                engineStats.videoFramesSent(), engineStats.audioPacketsReceived(), engineStats.audioPacketsSent(),
                engineStats.roundTripTimeMillis(), engineStats.localCandidateType(),
                engineStats.remoteCandidateType());
        return new Figures(pageStats, engineStats);
    }

    /** The label of the page's main button when it is shown and enabled, else null. */
    static String enabledPrimary(PatientBrowser page) {
        var button = page.driver().findElement(By.id("primary-action"));
        return button.isDisplayed() && button.isEnabled() ? button.getText() : null;
    }

    static long number(Map<String, Object> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }
}
