package dev.revive.actuator.driver.docker;

import java.util.Map;

/**
 * What the actuator reads of {@code GET /containers/{id}/json}: the id, the name (without the engine's leading
 * {@code /}), the labels, and the state ({@code Status} running/exited/…, {@code Running}, {@code StartedAt}).
 */
public record ContainerState(String id, String name, Map<String, String> labels, String status, boolean running,
        String startedAt) {

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
