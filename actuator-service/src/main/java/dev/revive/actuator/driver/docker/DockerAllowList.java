package dev.revive.actuator.driver.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which containers the actuator may restart: those whose name is listed, and those that carry one of the listed
 * labels ({@code key=value}, or a bare {@code key} for any value). Nothing is allowed when both lists are empty.
 * Checked against what the engine says about the container, never against the command's parameter alone, so a
 * command naming an allowed container by its id is allowed and a name cannot smuggle in another container.
 */
public final class DockerAllowList {

    private final List<String> names;
    private final List<String> labels;

    public DockerAllowList(List<String> names, List<String> labels) {
        this.names = names.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.labels = labels.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean isEmpty() {
        return names.isEmpty() && labels.isEmpty();
    }

    /** Empty when the container may be restarted; otherwise why not. */
    public Optional<String> refusal(ContainerState c) {
        if (isEmpty()) {
            return Optional.of("no container is allow-listed on this actuator (set revive.actuator.docker.allowed-names "
                    + "or revive.actuator.docker.allowed-labels)");
        }
        if (names.contains(c.name()) || labels.stream().anyMatch(l -> carries(c.labels(), l))) {
            return Optional.empty();
        }
        return Optional.of("container '" + c.name() + "' is not allow-listed: its name is not in allowed-names "
                + names + " and it has none of the allowed-labels " + labels);
    }

    private static boolean carries(Map<String, String> have, String wanted) {
        int eq = wanted.indexOf('=');
        if (eq < 0) {
            return have.containsKey(wanted);
        }
        return wanted.substring(eq + 1).equals(have.get(wanted.substring(0, eq)));
    }

    @Override
    public String toString() {
        return "names " + names + ", labels " + labels;
    }
}
