package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** Where kubectl exists, MiniKustomize (the renderer used without it) must give exactly what kubectl kustomize gives. */
class KustomizeParityTest {

    @TestFactory
    Stream<DynamicTest> mini_kustomize_renders_what_kubectl_kustomize_renders() {
        assumeTrue(Kustomize.kubectl().isPresent(), "kubectl not on PATH: nothing to compare MiniKustomize with");
        return Stream.of("base", "overlays/dev", "overlays/production").map(dir -> DynamicTest.dynamicTest(dir, () -> {
            Map<String, JsonNode> kubectl = MiniKustomize.byId(Kustomize.render(Kustomize.kubectl().get(), dir).docs());
            Map<String, JsonNode> mini = MiniKustomize.byId(MiniKustomize.render(Kustomize.KUBERNETES.resolve(dir)));
            assertThat(mini.keySet()).as(dir).containsExactlyElementsOf(kubectl.keySet());
            for (String id : kubectl.keySet()) {
                assertThat(mini.get(id)).as("%s %s", dir, id).isEqualTo(kubectl.get(id));
            }
        }));
    }
}
