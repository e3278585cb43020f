package dev.revive.actuator.driver;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.revive.common.contract.Action;

/** Finds the one driver of each allow-listed action; start-up fails if an action has two. */
@ApplicationScoped
public class DriverRegistry {

    private final Map<Action, Driver> byAction = new EnumMap<>(Action.class);

    public DriverRegistry(Instance<Driver> drivers) {
        for (Driver d : drivers) {
            for (Action a : d.actions()) {
                Driver previous = byAction.put(a, d);
                if (previous != null) {
                    throw new IllegalStateException(a.wireName() + " has two drivers: " + previous.getClass().getName()
                            + " and " + d.getClass().getName());
                }
            }
        }
    }

    /** Every action this build has a driver for. */
    public java.util.Set<Action> actions() {
        return java.util.Collections.unmodifiableSet(byAction.keySet());
    }

    /** The driver of an action, or null when this build has none. */
    public Driver driverFor(Action action) {
        return byAction.get(action);
    }
}
