package dev.revive.common.envelope;

/** A record that cannot be read as a Revive envelope; the message is the reason put on the dead-letter record. */
public class EnvelopeException extends RuntimeException {

    public EnvelopeException(String reason) {
        super(reason);
    }

    public EnvelopeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
