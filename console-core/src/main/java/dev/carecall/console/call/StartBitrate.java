package dev.carecall.console.call;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets both senders of a call start their bandwidth estimate at {@value #KBPS} kbps instead of libwebrtc's 300: the
 * {@code x-google-start-bitrate} parameter on every video codec of a session description. A sender reads it from the
 * <em>remote</em> description, so the engine writes it into the descriptions it sends (for the other party's sender,
 * browser or engine) and into those it receives before applying them (for its own).
 *
 * <p>Why: below 300 kbps (500 kbps for more than 640×480) libwebrtc drops the first four frames of a new video
 * stream as "too large for the target bitrate" while it asks the camera for a smaller picture. At 15 or 30 frames a
 * second that was 130–270 ms of the call set-up in which the doctor saw nothing, on a link that carries far more.
 * The estimate still probes and adapts from there within the first second, as it does from 300 kbps; the same value
 * on every description keeps libwebrtc from restarting the estimate at a renegotiation.
 */
final class StartBitrate {
    static final int KBPS = 800;
    private static final String PARAMETER = "x-google-start-bitrate";
    private static final Pattern RTPMAP = Pattern.compile("^a=rtpmap:(\\d+) ([^/]+)/");
    private static final Pattern FMTP = Pattern.compile("^a=fmtp:(\\d+) ");
    /** Payloads that carry no picture of their own: resends, redundancy, error correction. */
    private static final Set<String> NOT_VIDEO = Set.of("rtx", "red", "ulpfec", "flexfec-03");

    private StartBitrate() {
    }

    /** {@code sdp} with the start bitrate on each video codec that does not name one yet. */
    static String apply(String sdp) {
        if (sdp == null || !sdp.contains("m=video") || sdp.contains(PARAMETER)) {
            return sdp;
        }
        String newline = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r?\n", -1)));
        List<String> out = new ArrayList<>(lines.size() + 8);
        int section = 0;
        while (section < lines.size()) {
            int end = section + 1;
            while (end < lines.size() && !lines.get(end).startsWith("m=")) {
                end++;
            }
            List<String> part = lines.subList(section, end);
            out.addAll(part.getFirst().startsWith("m=video") ? video(part) : part);
            section = end;
        }
        return String.join(newline, out);
    }

    /** One video m-section with the parameter on its codecs' fmtp lines (one added where a codec has none). */
    private static List<String> video(List<String> section) {
        Set<String> codecs = new LinkedHashSet<>();
        Set<String> withFmtp = new LinkedHashSet<>();
        for (String line : section) {
            Matcher rtpmap = RTPMAP.matcher(line);
            if (rtpmap.find() && !NOT_VIDEO.contains(rtpmap.group(2).toLowerCase(java.util.Locale.ROOT))) {
                codecs.add(rtpmap.group(1));
            }
            Matcher fmtp = FMTP.matcher(line);
            if (fmtp.find()) {
                withFmtp.add(fmtp.group(1));
            }
        }
        List<String> out = new ArrayList<>(section.size() + codecs.size());
        for (String line : section) {
            Matcher fmtp = FMTP.matcher(line);
            if (fmtp.find() && codecs.contains(fmtp.group(1))) {
                out.add(line + ";" + PARAMETER + "=" + KBPS);
                continue;
            }
            out.add(line);
            Matcher rtpmap = RTPMAP.matcher(line);
            if (rtpmap.find() && codecs.contains(rtpmap.group(1)) && !withFmtp.contains(rtpmap.group(1))) {
                out.add("a=fmtp:" + rtpmap.group(1) + " " + PARAMETER + "=" + KBPS);
            }
        }
        return out;
    }
}
