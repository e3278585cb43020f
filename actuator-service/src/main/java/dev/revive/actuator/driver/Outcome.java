package dev.revive.actuator.driver;

/**
 * What a driver reports when it returns. After a re-provision: the new instance, the address now serving the target
 * and the region the new instance runs in, and the original instance with its own address (so that the policy can
 * watch it come back).
 */
public record Outcome(boolean succeeded, boolean nonRecoverable, String reason, String output, String newInstanceId,
        String newAddress, String originalInstanceId, String originalAddress, String newRegion) {

    public Outcome(boolean succeeded, boolean nonRecoverable, String reason, String output, String newInstanceId,
            String newAddress) {
        this(succeeded, nonRecoverable, reason, output, newInstanceId, newAddress, null, null, null);
    }

    public static Outcome succeeded(String output) {
        return new Outcome(true, false, null, output, null, null);
    }

    public static Outcome failed(String reason, String output) {
        return new Outcome(false, false, reason, output, null, null);
    }

    /** The new instance, the address it serves on (null: unknown) and its region. */
    public Outcome withNewInstance(String instanceId, String address, String region) {
        return new Outcome(succeeded, nonRecoverable, reason, output, instanceId, address, originalInstanceId,
                originalAddress, region);
    }

    public Outcome withOriginal(String instanceId, String address) {
        return new Outcome(succeeded, nonRecoverable, reason, output, newInstanceId, newAddress, instanceId, address,
                newRegion);
    }
}
