package dev.carecall.backend.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.ErrorCode;

import java.util.List;

/**
 * The integration API's error body: the same {@code {"error":{"code","message"}}} as the rest of the API, plus
 * {@code fields} when fields are wrong.
 *
 * @param error the error
 */
record IntegrationError(Body error) {

    /**
     * @param code    what went wrong
     * @param message plain language
     * @param fields  each wrong field, for INVALID_FIELD; absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(ErrorCode code, String message, List<FieldProblem> fields) {
    }
}
