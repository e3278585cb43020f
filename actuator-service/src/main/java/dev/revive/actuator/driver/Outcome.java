package dev.revive.actuator.driver;

/** What a driver reports when it returns. */
public record Outcome(boolean succeeded, boolean nonRecoverable, String reason, String output, String newInstanceId,
        String newAddress) {

    public static Outcome succeeded(String output) {
        return new Outcome(true, false, null, output, null, null);
    }

    public static Outcome failed(String reason, String output) {
        return new Outcome(false, false, reason, output, null, null);
    }

    public Outcome withNewInstance(String instanceId, String address) {
        return new Outcome(succeeded, nonRecoverable, reason, output, instanceId, address);
    }
}
