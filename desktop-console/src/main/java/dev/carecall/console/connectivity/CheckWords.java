package dev.carecall.console.connectivity;

import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.CheckResult.Outcome;
import dev.carecall.console.check.CheckStep;

import java.util.List;

/**
 * Every word of the connectivity check, in one place (to move into the console's resource bundles as they are): one
 * line per step, saying what works, what failed, and what IT should open or change.
 */
public final class CheckWords {
    private CheckWords() {
    }

    /** The first line of the command's output. */
    public static String heading(String server) {
        return "CareCall connection test for " + server;
    }

    /** One line: a mark, then the sentence. */
    public static String line(CheckResult r) {
        String mark = switch (r.outcome()) {
            case PASSED -> "[ ok ] ";
            case FAILED -> "[FAIL] ";
            case SKIPPED -> "[skip] ";
        };
        return mark + sentence(r);
    }

    /** The closing line. */
    public static String summary(List<CheckResult> results) {
        long failed = results.stream().filter(CheckResult::failed).count();
        if (failed > 0) {
            return failed == 1 ? "1 check failed: see the line marked FAIL."
                    : failed + " checks failed: see the lines marked FAIL.";
        }
        if (incomplete(results)) {
            return "Everything tried works, but STUN, TURN and media were not tested: run the test signed in "
                    + "(CareCall --check --username=NAME).";
        }
        return "All checks passed: video calls can connect from this computer.";
    }

    /** True when STUN, TURN and media could not be tried for want of a sign-in. */
    public static boolean incomplete(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.problem() == CheckResult.Problem.SIGN_IN_NEEDED);
    }

    /** Shown while the test runs. */
    public static final String RUNNING = "Testing the connection… this takes about half a minute.";
    /** The settings screen's button. */
    public static final String BUTTON = "Test connection";
    /** The settings screen's title of the section. */
    public static final String TITLE = "Connection to the clinic's server";
    /** The settings screen's hint under it. */
    public static final String HINT = "Checks the server, its certificate, the call connection and the video relay, "
            + "step by step. Useful for your clinic's IT.";
    /** When the test itself could not run (a bug, not the network). */
    public static final String CRASHED = "The connection test stopped unexpectedly. Try again; the log has details.";
    /** Usage of the command. */
    public static final String USAGE = "Usage: CareCall --check [--server=URL] [--username=NAME]\n"
            + "  Tests the connection to the CareCall server: certificate, API, WebSocket, STUN, TURN (UDP, TCP, TLS)\n"
            + "  and media through the relay. With --username the password is read from CARECALL_PASSWORD or asked.";
    /** No server address anywhere. */
    public static final String NO_SERVER = "No server address: give --server=URL, or set server.url in "
            + "console.properties.";

    private static String sentence(CheckResult r) {
        String t = r.target();
        if (r.outcome() == Outcome.PASSED) {
            return passed(r);
        }
        return switch (r.problem()) {
            case NONE -> name(r.step()) + ".";
            case EARLIER_STEP_FAILED -> name(r.step()) + ": not tried, because an earlier step failed.";
            case SIGN_IN_NEEDED -> name(r.step()) + ": not tried without a sign-in (run with --username=NAME).";
            case NOT_CONFIGURED -> notConfigured(r.step());
            case UNREACHABLE -> r.step() == CheckStep.SERVER
                    ? "Cannot reach the server at " + t + ". Check server.url, and let this computer connect to "
                    + t + " through the firewall."
                    : "Cannot reach " + t + ". Let this computer connect to it through the firewall.";
            case UNTRUSTED_CERTIFICATE -> r.step() == CheckStep.TURN_TLS
                    ? "TURN over TLS at " + t + ": its certificate is not trusted. Give coturn the server "
                    + "certificate of the clinic's CA, and name that CA in tls.caCertificate on this computer."
                    : "The certificate of " + t + " is not trusted. Put the clinic's CA certificate (PEM) on this "
                    + "computer and name it in tls.caCertificate.";
            case NOT_CARECALL -> t + " answers, but it is not a CareCall server. Check server.url (and the proxy's "
                    + "routes).";
            case SERVER_FAILED -> "The CareCall server answered with an error at " + t + ". Its log says why.";
            case SIGN_IN_REFUSED -> "Sign-in was refused: wrong user name or password.";
            case WEBSOCKET_FAILED -> "The WebSocket at " + t + " cannot be opened. Let this computer connect to "
                    + "that port; a proxy in between must pass WebSocket upgrades (Upgrade and Connection headers).";
            case NO_ANSWER -> noAnswer(r.step(), t);
            case CREDENTIAL_REFUSED -> "The TURN server at " + t + " refused the credential the CareCall server "
                    + "made: carecall.turn.secret must equal coturn's static-auth-secret, and both servers' clocks "
                    + "must be right.";
            case REFUSED -> "The TURN server at " + t + " refused the request (" + r.detail() + "). Its log says "
                    + "why.";
            case MEDIA_LOST -> "Media through the relay at " + t + " is lost: only " + received(r)
                    + " packets came back. Open the TURN server's relay ports (UDP, min-port to max-port) on its "
                    + "firewall.";
        };
    }

    private static String passed(CheckResult r) {
        String t = r.target();
        return switch (r.step()) {
            case SERVER -> r.found() == null
                    ? "Server reachable at " + t + " (plain http: for the demo, or behind a proxy that adds HTTPS)."
                    : "Server reachable at " + t + "; its certificate is trusted (issued by " + r.found() + ").";
            case SERVER_INFO -> "CareCall server " + r.found() + " answers at " + t + ".";
            case SIGN_IN -> "Signed in as " + r.found() + ".";
            case WEBSOCKET -> "WebSocket works at " + t + ".";
            case STUN -> "STUN answers at " + t + "; this computer's public address is " + r.found() + ".";
            case TURN_UDP, TURN_TCP, TURN_TLS -> name(r.step()) + " works at " + t + " (relay " + r.found() + ").";
            case MEDIA_RELAY -> "Media through the relay works: " + received(r) + " packets came back, median "
                    + "round trip " + r.found().substring(r.found().indexOf(' ') + 1) + " ms.";
        };
    }

    private static String noAnswer(CheckStep step, String t) {
        return switch (step) {
            case STUN -> "No STUN answer from " + t + ". Open " + t + " (outgoing, with its answers) on the firewall.";
            case TURN_UDP, TURN_TCP, TURN_TLS -> name(step) + " at " + t + " does not answer. Open " + t
                    + " (outgoing) on the firewall, and check that the TURN server runs.";
            default -> name(step) + ": no answer from " + t + ".";
        };
    }

    private static String notConfigured(CheckStep step) {
        return switch (step) {
            case STUN -> "No STUN server is configured on the CareCall server (carecall.ice.servers).";
            case TURN_TLS -> "No TURN over TLS is configured (a turns: URL in carecall.turn.urls); hospital networks "
                    + "often allow only TLS on port 443.";
            case MEDIA_RELAY -> "No TURN server is configured (carecall.turn.urls): patients behind strict networks "
                    + "will not connect.";
            default -> "No " + name(step) + " is configured (carecall.turn.urls).";
        };
    }

    /** "48 of 50" from the media loop's found value. */
    private static String received(CheckResult r) {
        if (r.found() == null) {
            return "none";
        }
        String[] counts = r.found().split(" ")[0].split("/");
        return counts[0] + " of " + counts[1];
    }

    private static String name(CheckStep step) {
        return switch (step) {
            case SERVER -> "Server";
            case SERVER_INFO -> "Server information";
            case SIGN_IN -> "Sign-in";
            case WEBSOCKET -> "WebSocket";
            case STUN -> "STUN";
            case TURN_UDP -> "TURN over UDP";
            case TURN_TCP -> "TURN over TCP";
            case TURN_TLS -> "TURN over TLS";
            case MEDIA_RELAY -> "Media through the relay";
        };
    }
}
