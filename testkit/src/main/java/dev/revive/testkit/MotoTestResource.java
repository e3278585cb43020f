package dev.revive.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * {@link RealMoto} as the AWS endpoint of a service under {@code @QuarkusTest}: sets the endpoint-override keys named
 * by the {@code property} init arg, comma-separated (e.g. {@code revive.actuator.aws.endpoint-override}) and static
 * test credentials
 * for the SDK's default chain. When the emulator's root is absent it sets nothing and the test skips itself on
 * {@link RealMoto#available()}.
 */
public class MotoTestResource implements QuarkusTestResourceLifecycleManager {

    private String property = "revive.actuator.aws.endpoint-override";

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.getOrDefault("property", property);
    }

    @Override
    public Map<String, String> start() {
        System.setProperty("aws.accessKeyId", "AKIDTESTONLY");
        System.setProperty("aws.secretAccessKey", "test-secret-not-real");
        if (!RealMoto.available()) {
            return Map.of();
        }
        String endpoint = RealMoto.endpoint().toString();
        Map<String, String> config = new java.util.HashMap<>();
        for (String key : property.split(",")) {
            if (!key.isBlank()) {
                config.put(key.strip(), endpoint);
            }
        }
        return config;
    }

    @Override
    public void stop() {
        // one emulator per JVM; RealMoto stops it when the JVM exits
    }
}
