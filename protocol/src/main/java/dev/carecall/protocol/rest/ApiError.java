package dev.carecall.protocol.rest;

import dev.carecall.protocol.ErrorCode;

/**
 * Body of every REST error: {@code {"error":{"code":"PAYMENT_REQUIRED","message":"..."}}}.
 *
 * @param error the error
 */
public record ApiError(Body error) {

    /** An error body with this code and plain-language message. */
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(new Body(code, message));
    }

    /**
     * @param code    what went wrong
     * @param message plain-language explanation
     */
    public record Body(ErrorCode code, String message) {
    }
}
