package dev.carecall.console.fx;

import dev.carecall.console.api.ApiException.Problem;
import dev.carecall.console.api.ApiException;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.media.MediaProblem;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainLanguageTest {
    private static final PlainLanguage ENGLISH = new PlainLanguage(Texts.of(Language.ENGLISH));
    private static final PlainLanguage GERMAN = new PlainLanguage(Texts.of(Language.GERMAN));

    private static ApiException problem(Problem problem, ErrorCode code) {
        return new ApiException(problem, code, "https://clinic.example.org:8443", "technical detail", null);
    }

    @Test
    void wrongPasswordSaysSoAndWhatToDo() {
        assertEquals("The username or password is not correct. Check them and try again.",
                ENGLISH.describe(problem(Problem.REJECTED, ErrorCode.INVALID_CREDENTIALS)));
    }

    @Test
    void tooManyWrongPasswordsSaysToWaitMinutes() {
        assertEquals("Too many wrong passwords. Wait a few minutes, then try again.",
                ENGLISH.describe(problem(Problem.REJECTED, ErrorCode.RATE_LIMITED)));
    }

    @Test
    void unreachableServerNamesTheServerAndTheRemedy() {
        assertEquals("Cannot reach the CareCall server at clinic.example.org:8443. Check the server address and "
                + "your network connection, then try again.",
                ENGLISH.describe(problem(Problem.UNREACHABLE, null)));
    }

    @Test
    void expiredSessionAsksToSignInAgain() {
        assertEquals(ENGLISH.sessionExpired(),
                ENGLISH.describe(problem(Problem.REJECTED, ErrorCode.TOKEN_EXPIRED)));
        assertEquals("Your session has expired. Please sign in again.",
                ENGLISH.describe(problem(Problem.REJECTED, ErrorCode.INVALID_TOKEN)));
    }

    @Test
    void untrustedCertificatePointsToTheClinicsIt() {
        String text = ENGLISH.describe(problem(Problem.UNTRUSTED_CERTIFICATE, null));
        assertTrue(text.contains("not trusted") && text.contains("IT"), text);
    }

    @Test
    void wrongServerAndBadAddressAreTold() {
        assertTrue(ENGLISH.describe(problem(Problem.NOT_CARECALL, null)).contains("not a CareCall server"));
        assertEquals("\"clinic example\" is not a server address. Enter it like https://clinic.example.org.",
                ENGLISH.describe(new ApiException(Problem.BAD_ADDRESS, null, "clinic example", "x", null)));
    }

    @Test
    void noTranslationLeaksTechnicalDetail() {
        for (Problem p : Problem.values()) {
            for (ErrorCode code : ErrorCode.values()) {
                String text = ENGLISH.describe(problem(p, code));
                assertFalse(text.isBlank());
                assertFalse(text.contains("technical detail") || text.contains("Exception") || text.contains("_"),
                        p + " " + code + ": " + text);
            }
        }
        assertFalse(ENGLISH.describe(new IllegalStateException("boom")).contains("boom"));
    }

    @Test
    void theCallAndTheRestApiSayTheSameAboutTheSameCode() {
        // The engine once wrote its own sentences for these, which disagreed with the sign-in and list screens.
        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.RATE_LIMITED) {
                continue; // REST: wrong passwords at sign-in; a room: too many messages (below)
            }
            assertEquals(ENGLISH.describe(code), ENGLISH.describe(new CallProblem.Refused(code, true)));
            assertEquals(ENGLISH.describe(problem(Problem.REJECTED, code)),
                    ENGLISH.describe(new CallProblem.Refused(code, false)));
        }
    }

    @Test
    void tooManyMessagesInACallSaysTheLastWasNotPassedOn() {
        assertEquals("Too many messages in a short time: the last one was not passed on. Wait a moment, then try "
                + "again.", ENGLISH.describe(new CallProblem.Refused(ErrorCode.RATE_LIMITED, false)));
        assertFalse(GERMAN.describe(new CallProblem.Refused(ErrorCode.RATE_LIMITED, false)).contains("Passw"));
    }

    @Test
    void callProblemsNameTheOtherPartyAndWhatToDo() {
        assertEquals("No camera was found. The patient sees a test picture instead of you.",
                ENGLISH.describe(new CallProblem.Media(MediaProblem.NO_CAMERA, Role.PATIENT)));
        assertEquals("The patient ended the call.", ENGLISH.describe(new CallProblem.EndedByOtherParty(Role.PATIENT)));
        assertEquals("A message needs between 1 and 2000 characters.",
                ENGLISH.describe(new CallProblem.ChatLength(2000)));
        assertEquals("Keine Kamera gefunden. Der Patient sieht statt Ihnen ein Testbild.",
                GERMAN.describe(new CallProblem.Media(MediaProblem.NO_CAMERA, Role.PATIENT)));
    }

    @Test
    void everyProblemHasItsOwnWordsInEveryLanguage() {
        for (PlainLanguage language : List.of(ENGLISH, GERMAN)) {
            for (CallProblem problem : everyCallProblem()) {
                String text = language.describe(problem);
                assertFalse(text.isBlank() || text.startsWith("problem."), problem + ": " + text);
            }
        }
        for (CallProblem problem : everyCallProblem()) {
            if (!(problem instanceof CallProblem.Refused)) {
                assertFalse(ENGLISH.describe(problem).equals(GERMAN.describe(problem)), "untranslated " + problem);
            }
        }
    }

    /** One of each kind, with every device problem and both roles. */
    private static List<CallProblem> everyCallProblem() {
        List<CallProblem> all = new ArrayList<>();
        for (Role other : Role.values()) {
            for (MediaProblem device : MediaProblem.values()) {
                all.add(new CallProblem.Media(device, other));
            }
            all.add(new CallProblem.EndedByOtherParty(other));
            all.add(new CallProblem.OtherPartyAway(other));
            all.add(new CallProblem.ConnectionLost(other));
        }
        for (ErrorCode code : ErrorCode.values()) {
            all.add(new CallProblem.Refused(code, false));
        }
        all.addAll(List.of(new CallProblem.MediaUnavailable(), new CallProblem.NotConnected(),
                new CallProblem.ChatNotSent(), new CallProblem.ChatLength(10), new CallProblem.EndedWhileAway()));
        return all;
    }
}
