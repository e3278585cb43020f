package dev.revive.common.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown for an invalid input; carries every violation so an API can answer 400 naming each field. */
public class ValidationException extends RuntimeException {

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
