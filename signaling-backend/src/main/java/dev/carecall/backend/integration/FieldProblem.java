package dev.carecall.backend.integration;

/**
 * What is wrong with one field of a request, in the body of an {@code INVALID_FIELD} answer.
 *
 * @param field   the field's name, e.g. {@code scheduledAt}
 * @param problem {@code missing}, {@code invalid} or {@code unknown_reference}
 * @param message plain language: what the field must hold
 */
public record FieldProblem(String field, String problem, String message) {
    static final String MISSING = "missing";
    static final String INVALID = "invalid";
    static final String UNKNOWN_REFERENCE = "unknown_reference";
}
