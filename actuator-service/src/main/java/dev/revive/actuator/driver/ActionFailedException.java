package dev.revive.actuator.driver;

/** A driver's failure with a reason; non-recoverable when retrying or escalating automatically cannot help. */
public class ActionFailedException extends RuntimeException {

    private final boolean nonRecoverable;

    public ActionFailedException(String reason, boolean nonRecoverable) {
        super(reason);
        this.nonRecoverable = nonRecoverable;
    }

    public ActionFailedException(String reason, boolean nonRecoverable, Throwable cause) {
        super(reason, cause);
        this.nonRecoverable = nonRecoverable;
    }

    public static ActionFailedException permanent(String reason) {
        return new ActionFailedException(reason, true);
    }

    public boolean nonRecoverable() {
        return nonRecoverable;
    }
}
