package dev.revive.common.validation;

/** One thing wrong with an input: the field (a JSON path such as {@code recovery.steps[0].action}) and why. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
