package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.revive.launcher.LauncherClasspath;

class BrokerLifecycleIT {

    @Test
    void the_broker_dies_with_a_test_jvm_that_is_killed() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(LauncherClasspath.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), BrokerHolder.class.getName())).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("REVIVE_TESTKIT_DOCKER", "false");
        Process holder = pb.start();
        String bootstrap = null;
        try (var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BOOTSTRAP ")) {
                    bootstrap = line.substring("BOOTSTRAP ".length()).trim();
                    break;
                }
            }
            assertThat(bootstrap).as("the holder JVM started a broker").isNotNull();
            String[] hostPort = bootstrap.split(":");
            InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
            assertThat(accepts(address)).isTrue();

            holder.destroyForcibly(); // SIGKILL: no shutdown hook runs in the holder

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !accepts(address));
        } finally {
            holder.destroyForcibly();
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
