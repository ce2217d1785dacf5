package dev.carecall.backend.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Reads the {@code Authorization: Bearer <token>} header. */
public final class BearerToken {
    private BearerToken() {
    }

    /** The caller the request's bearer token names; fails with INVALID_TOKEN when there is none. */
    public static Caller caller(ServerRequest req, Tokens tokens) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        return tokens.verify(token);
    }
}
