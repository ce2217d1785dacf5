package dev.carecall.console.fx;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.ApiException.Problem;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainLanguageTest {
    private static ApiException problem(Problem problem, ErrorCode code) {
        return new ApiException(problem, code, "https://clinic.example.org:8443", "technical detail", null);
    }

    @Test
    void wrongPasswordSaysSoAndWhatToDo() {
        assertEquals("The username or password is not correct. Check them and try again.",
                PlainLanguage.describe(problem(Problem.REJECTED, ErrorCode.INVALID_CREDENTIALS)));
    }

    @Test
    void tooManyWrongPasswordsSaysToWaitMinutes() {
        assertEquals("Too many wrong passwords. Wait a few minutes, then try again.",
                PlainLanguage.describe(problem(Problem.REJECTED, ErrorCode.RATE_LIMITED)));
    }

    @Test
    void unreachableServerNamesTheServerAndTheRemedy() {
        assertEquals("Cannot reach the CareCall server at clinic.example.org:8443. Check the server address and "
                + "your network connection, then try again.",
                PlainLanguage.describe(problem(Problem.UNREACHABLE, null)));
    }

    @Test
    void expiredSessionAsksToSignInAgain() {
        assertEquals(PlainLanguage.SESSION_EXPIRED,
                PlainLanguage.describe(problem(Problem.REJECTED, ErrorCode.TOKEN_EXPIRED)));
        assertEquals("Your session has expired. Please sign in again.",
                PlainLanguage.describe(problem(Problem.REJECTED, ErrorCode.INVALID_TOKEN)));
    }

    @Test
    void untrustedCertificatePointsToTheClinicsIt() {
        String text = PlainLanguage.describe(problem(Problem.UNTRUSTED_CERTIFICATE, null));
        assertTrue(text.contains("not trusted") && text.contains("IT"), text);
    }

    @Test
    void wrongServerAndBadAddressAreTold() {
        assertTrue(PlainLanguage.describe(problem(Problem.NOT_CARECALL, null)).contains("not a CareCall server"));
        assertEquals("\"clinic example\" is not a server address. Enter it like https://clinic.example.org.",
                PlainLanguage.describe(new ApiException(Problem.BAD_ADDRESS, null, "clinic example", "x", null)));
    }

    @Test
    void noTranslationLeaksTechnicalDetail() {
        for (Problem p : Problem.values()) {
            for (ErrorCode code : ErrorCode.values()) {
                String text = PlainLanguage.describe(problem(p, code));
                assertFalse(text.isBlank());
                assertFalse(text.contains("technical detail") || text.contains("Exception") || text.contains("_"),
                        p + " " + code + ": " + text);
            }
        }
        assertFalse(PlainLanguage.describe(new IllegalStateException("boom")).contains("boom"));
    }
}
