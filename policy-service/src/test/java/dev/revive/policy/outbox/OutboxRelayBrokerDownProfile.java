package dev.revive.policy.outbox;

import java.util.Map;

import dev.revive.policy.it.PolicyTestProfile;

/** The relay's producer points at a closed port: every send waits for metadata until max-block. */
public class OutboxRelayBrokerDownProfile extends PolicyTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("revive.outbox.bootstrap-servers", "127.0.0.1:1", "revive.outbox.max-block", "PT3M",
                "revive.outbox.poll-interval", "PT1H");
    }
}
