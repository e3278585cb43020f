package dev.revive.actuator.driver.docker;

/** The engine answered with an error status; {@code message} is its JSON {@code message} (or the raw body). */
public class DockerApiException extends Exception {

    private final int status;
    private final String engineMessage;

    public DockerApiException(String request, int status, String engineMessage) {
        super(request + " answered " + status + ": " + engineMessage);
        this.status = status;
        this.engineMessage = engineMessage;
    }

    public int status() {
        return status;
    }

    public String engineMessage() {
        return engineMessage;
    }
}
