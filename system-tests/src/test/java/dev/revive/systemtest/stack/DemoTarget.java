package dev.revive.systemtest.stack;

/**
 * The demo target as the tests register it ({@code PUT /targets/demo}): probed every second, step 1 of its ladder
 * is the actuator's allow-listed {@code restart-demo}, the admin is emailed at every stage. Unlike the local stack's
 * registration, flap damping is off and the reset window is 0: the tests break the same target many times in a row,
 * and with the stack's 600 s window a break soon after a heal continues the ladder at step 2 (the demo has none).
 *
 * @param failureThreshold failed probes before the target is DOWN
 * @param graceSeconds     how long an opened incident waits for a hold before step 1
 */
public record DemoTarget(int failureThreshold, int graceSeconds) {

    public static final String ID = "demo";

    /** The local stack's detection (2 failures) and a 2 s grace: time to inject a fault between the stages. */
    public static DemoTarget drill() {
        return new DemoTarget(2, 2);
    }

    /** The benchmark's conditions: threshold 1 and zero grace (the README's break/heal table). */
    public static DemoTarget benchmark() {
        return new DemoTarget(1, 0);
    }

    String json(String demoUrl) {
        return """
                {"id":"demo","name":"Revive demo site","tags":["demo"],
                 "probe":{"kind":"HTTP","url":"%s/health","intervalMs":1000,"timeoutMs":800,"bodyMustContain":"ok"},
                 "detection":{"failureThreshold":%d,"recoveryThreshold":1,"flapChanges":0},
                 "recovery":{"graceSeconds":%d,"verifySeconds":30,"resetWindowSeconds":0,"actionBudgetPerDay":1000,
                             "steps":[{"action":"exec","params":{"command":"restart-demo"}}]},
                 "drill":{"stop":{"action":"exec","params":{"command":"stop-demo"}}},
                 "notifications":[{"channel":"EMAIL","to":"%s"}]}
                """.formatted(demoUrl, failureThreshold, graceSeconds, StackConfig.ADMIN_EMAIL);
    }
}
