package dev.carecall.console.check;

/**
 * What one step of the connectivity check found. No sentences here: the console turns this into plain language.
 *
 * @param step    which step
 * @param outcome passed, failed, or skipped (not configured, or an earlier step failed)
 * @param problem why it failed or was skipped; {@link Problem#NONE} when it passed
 * @param target  what the step tried to reach: a URL, or {@code host:port} with the transport (e.g.
 *                {@code turn.example.org:443 TLS}); what IT opens on the firewall when it failed
 * @param found   what it found: the CA that issued the server's certificate (SERVER, null for plain http), the
 *                server's version (SERVER_INFO), this computer's public address (STUN), the relayed address
 *                (TURN_*), {@code received/sent round-trip-ms} (MEDIA_RELAY); null otherwise
 * @param detail  technical detail for the log (an exception, an error code), or null
 */
public record CheckResult(CheckStep step, Outcome outcome, Problem problem, String target, String found,
                          String detail) {

    /** How a step ended. */
    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** Why a step did not pass. */
    public enum Problem {
        NONE,
        /** Nothing answered at the address (refused, timed out, unknown host). */
        UNREACHABLE,
        /** TLS works but the certificate is not trusted (no {@code tls.caCertificate}, or the wrong one). */
        UNTRUSTED_CERTIFICATE,
        /** Something answered that is not a CareCall server (a proxy's page, another service). */
        NOT_CARECALL,
        /** The CareCall server answered with an error. */
        SERVER_FAILED,
        /** Sign-in refused (wrong user name or password). */
        SIGN_IN_REFUSED,
        /** The check was run without a sign-in, so the server hands out no STUN/TURN servers to test. */
        SIGN_IN_NEEDED,
        /** The WebSocket upgrade failed at the announced address (a proxy that does not pass upgrades, a port). */
        WEBSOCKET_FAILED,
        /** The server offers no server of this kind (no STUN URL, no TURN URL for this transport). */
        NOT_CONFIGURED,
        /** No answer in time (UDP blocked, port closed, server stopped). */
        NO_ANSWER,
        /** The TURN server refused the credential the CareCall server minted (secrets differ, or clocks). */
        CREDENTIAL_REFUSED,
        /** The TURN server refused the request for another reason (code in {@link #detail}). */
        REFUSED,
        /** Data sent through the relays did not come back (or too little of it). */
        MEDIA_LOST,
        /** Skipped because a step it needs failed. */
        EARLIER_STEP_FAILED
    }

    static CheckResult passed(CheckStep step, String target, String found) {
        return new CheckResult(step, Outcome.PASSED, Problem.NONE, target, found, null);
    }

    static CheckResult failed(CheckStep step, Problem problem, String target, String detail) {
        return new CheckResult(step, Outcome.FAILED, problem, target, null, detail);
    }

    static CheckResult skipped(CheckStep step, Problem problem, String target) {
        return new CheckResult(step, Outcome.SKIPPED, problem, target, null, null);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
