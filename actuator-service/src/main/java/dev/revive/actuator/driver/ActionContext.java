package dev.revive.actuator.driver;

/** What a running action may tell the actuator: an external reference (SSM command id, new instance id). */
@FunctionalInterface
public interface ActionContext {

    /** Stores a reference in the command's ledger row, so a human can follow the action on the provider's side. */
    void reference(String reference);

    ActionContext NONE = ref -> {
    };
}
