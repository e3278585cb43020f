package dev.revive.common.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * TCP connection states per local port, read by a prober in host-agent mode from /proc/net/tcp and tcp6.
 * Published on {@code revive.metrics}, keyed by the target the host serves.
 *
 * @param id         unique id
 * @param targetId   the target this host serves
 * @param host       host name
 * @param instanceId EC2 instance id, when known
 * @param at         when the sample was taken
 * @param ports      counts per port
 */
public record HostMetrics(String id, String targetId, String host, String instanceId, Instant at, List<PortStates> ports) {

    public HostMetrics {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /**
     * Connection counts on one local port by TCP state name (ESTABLISHED, TIME_WAIT, FIN_WAIT1 ...).
     */
    public record PortStates(int port, Map<String, Integer> states) {
        public int count(String state) {
            return states == null ? 0 : states.getOrDefault(state, 0);
        }
    }
}
