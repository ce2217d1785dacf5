package dev.carecall.backend.integration;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.util.List;

/** A request whose fields are wrong, every wrong field at once, so the clinic fixes them in one go. */
final class InvalidFields extends CareCallException {
    private final transient List<FieldProblem> problems;

    InvalidFields(List<FieldProblem> problems) {
        super(ErrorCode.INVALID_FIELD, problems.size() == 1 ? problems.getFirst().message()
                : problems.size() + " fields are not valid; see 'fields'.");
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
