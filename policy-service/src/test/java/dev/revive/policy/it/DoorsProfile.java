package dev.revive.policy.it;

import java.util.Map;

/** The policy's doors as shipped: no anonymous reads, no loopback or private targets. */
public class DoorsProfile extends PolicyTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("revive.auth.anonymous-reads", "false", "revive.targets.allow-loopback", "false");
    }
}
