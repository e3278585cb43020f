package dev.revive.notifier.channel;

/** A send that did not succeed; permanent failures (rejected address, bad request) are not retried. */
public class SendException extends Exception {

    private final boolean permanent;

    public SendException(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public static SendException transientFailure(String reason, Throwable cause) {
        return new SendException(reason, false, cause);
    }

    public static SendException permanentFailure(String reason) {
        return new SendException(reason, true, null);
    }

    public boolean permanent() {
        return permanent;
    }

    /** Permanent for 4xx answers except 408 and 429; transient for everything else. */
    public static SendException fromHttpStatus(String what, int status, String body) {
        boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        String detail = body == null || body.isBlank() ? "" : ": " + abbreviate(body.strip(), 200);
        return new SendException(what + " answered HTTP " + status + detail, permanent, null);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
