package dev.revive.common.signing;

/** A command whose signature does not hold; {@link #reason()} says which check failed. */
public class SignatureException extends RuntimeException {

    /** Which check failed. */
    public enum Reason { UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
