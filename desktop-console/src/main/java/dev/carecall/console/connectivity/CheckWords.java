package dev.carecall.console.connectivity;

import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.CheckResult.Outcome;
import dev.carecall.console.check.CheckStep;
import dev.carecall.console.i18n.Texts;

import java.util.List;

/**
 * The connectivity check in plain language, from the console's message bundles ({@code check.*}): one line per
 * step, saying what works, what failed, and what IT should open or change. A step's sentence gets the step's target
 * as {0}, what it found (or the detail of a refusal) as {1} and the step's name as {2}. Immutable.
 */
public final class CheckWords {
    private final Texts texts;

    public CheckWords(Texts texts) {
        this.texts = texts;
    }

    /** A text of the check by its key ({@code check.title}...), for the settings card's fixed words. */
    public String get(String key, Object... args) {
        return texts.get(key, args);
    }

    /** The first line of the command's output. */
    public String heading(String server) {
        return get("check.heading", server);
    }

    /** The mark in front of a step's line ("[ ok ]", "[FAIL]", "[skip]"). */
    public String mark(CheckResult r) {
        return switch (r.outcome()) {
            case PASSED -> get("check.mark.passed");
            case FAILED -> get("check.mark.failed");
            case SKIPPED -> get("check.mark.skipped");
        };
    }

    /** One line of the command's output: the mark, then the sentence. */
    public String line(CheckResult r) {
        return mark(r) + " " + sentence(r);
    }

    /** The closing line. */
    public String summary(List<CheckResult> results) {
        long failed = results.stream().filter(CheckResult::failed).count();
        if (failed > 0) {
            return failed == 1 ? get("check.summary.failedOne") : get("check.summary.failedMany", failed);
        }
        return get(incomplete(results) ? "check.summary.incomplete" : "check.summary.passed");
    }

    /** True when STUN, TURN and media could not be tried for want of a sign-in. */
    public static boolean incomplete(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.problem() == CheckResult.Problem.SIGN_IN_NEEDED);
    }

    /** What a step found or why it did not pass, without the mark. */
    public String sentence(CheckResult r) {
        if (r.outcome() == Outcome.PASSED) {
            return passed(r);
        }
        CheckStep step = r.step();
        String key = switch (r.problem()) {
            case NONE -> "check.problem.none";
            case EARLIER_STEP_FAILED -> "check.problem.earlierStepFailed";
            case SIGN_IN_NEEDED -> "check.problem.signInNeeded";
            case NOT_CONFIGURED -> switch (step) {
                case STUN -> "check.notConfigured.stun";
                case TURN_TLS -> "check.notConfigured.turnTls";
                case MEDIA_RELAY -> "check.notConfigured.mediaRelay";
                case SERVER, SERVER_INFO, SIGN_IN, WEBSOCKET, TURN_UDP, TURN_TCP -> "check.notConfigured.other";
            };
            case UNREACHABLE -> step == CheckStep.SERVER
                    ? "check.problem.unreachableServer" : "check.problem.unreachable";
            case UNTRUSTED_CERTIFICATE -> step == CheckStep.TURN_TLS
                    ? "check.problem.untrustedTurn" : "check.problem.untrusted";
            case NOT_CARECALL -> "check.problem.notCareCall";
            case SERVER_FAILED -> "check.problem.serverFailed";
            case SIGN_IN_REFUSED -> "check.problem.signInRefused";
            case WEBSOCKET_FAILED -> "check.problem.webSocketFailed";
            case NO_ANSWER -> switch (step) {
                case STUN -> "check.problem.noAnswerStun";
                case TURN_UDP, TURN_TCP, TURN_TLS -> "check.problem.noAnswerTurn";
                case SERVER, SERVER_INFO, SIGN_IN, WEBSOCKET, MEDIA_RELAY -> "check.problem.noAnswer";
            };
            case CREDENTIAL_REFUSED -> "check.problem.credentialRefused";
            case REFUSED -> "check.problem.refused";
            case MEDIA_LOST -> "check.problem.mediaLost";
        };
        String second = r.problem() == CheckResult.Problem.MEDIA_LOST ? received(r) : r.detail();
        return get(key, r.target(), second, name(step));
    }

    private String passed(CheckResult r) {
        String t = r.target();
        return switch (r.step()) {
            case SERVER -> r.found() == null
                    ? get("check.passed.serverPlain", t) : get("check.passed.server", t, r.found());
            case SERVER_INFO -> get("check.passed.serverInfo", t, r.found());
            case SIGN_IN -> get("check.passed.signIn", t, r.found());
            case WEBSOCKET -> get("check.passed.webSocket", t);
            case STUN -> get("check.passed.stun", t, r.found());
            case TURN_UDP, TURN_TCP, TURN_TLS -> get("check.passed.turn", t, r.found(), name(r.step()));
            case MEDIA_RELAY -> get("check.passed.mediaRelay", t, received(r),
                    r.found().substring(r.found().indexOf(' ') + 1));
        };
    }

    /** "48 of 50" from the media loop's found value ({@code received/sent round-trip-ms}). */
    private String received(CheckResult r) {
        if (r.found() == null) {
            return get("check.receivedNone");
        }
        String[] counts = r.found().split(" ")[0].split("/");
        return get("check.received", counts[0], counts[1]);
    }

    private String name(CheckStep step) {
        return get(switch (step) {
            case SERVER -> "check.step.server";
            case SERVER_INFO -> "check.step.serverInfo";
            case SIGN_IN -> "check.step.signIn";
            case WEBSOCKET -> "check.step.webSocket";
            case STUN -> "check.step.stun";
            case TURN_UDP -> "check.step.turnUdp";
            case TURN_TCP -> "check.step.turnTcp";
            case TURN_TLS -> "check.step.turnTls";
            case MEDIA_RELAY -> "check.step.mediaRelay";
        });
    }
}
