package dev.carecall.backend.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** bcrypt hashing of doctors' passwords. */
public final class Passwords {
    /** bcrypt reads at most 72 bytes of a password; longer ones are refused rather than cut silently. */
    public static final int MAX_BYTES = 72;
    /** Cost 10: about 50-100 ms per check, slow for guessing, fast enough for a sign-in. */
    private static final int COST = 10;
    /**
     * A cost-10 hash of a random, forgotten password, checked when the user name is unknown so the answer takes as
     * long as for a real user and timing does not reveal which names exist. A constant: hashing costs time at start.
     */
    private static final String DUMMY = "$2a$10$UFo0/3USE6bTupg.QRQJl.Q2QtXHL5BNtxIDy0Ff/LRbQ1rsSRQgy";

    private Passwords() {
    }

    /** Whether bcrypt can take this password whole (at most {@link #MAX_BYTES} bytes in UTF-8). */
    public static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, for unknown user names. */
    static void burnTime(String password) {
        matches(password, DUMMY);
    }
}
