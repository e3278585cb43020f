package dev.revive.actuator.driver.aws;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls until a condition holds or the time is up; interruptible, so the action timeout can stop it. */
final class Waits {

    private Waits() {
    }

    static boolean until(BooleanSupplier done, Duration max, Duration interval) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(interval);
        }
    }
}
