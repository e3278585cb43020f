package dev.revive.actuator.command;

/**
 * Why a command was refused before anything ran. {@link #code()} is the metric tag and the prefix of the
 * result's reason.
 */
public record Rejection(String code, String message) {

    /** The reason text of the REJECTED result. */
    public String reason() {
        return code + ": " + message;
    }
}
