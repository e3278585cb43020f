package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rendered object of the base, every overlay and the secret templates parses into the typed model of the
 * apiVersion and kind it declares, with unknown fields, wrong scalar types and unshipped kinds rejected
 * ({@link StrictModel}); Strimzi's kinds validate against Strimzi's CRD schemas ({@link StrimziSchemas}).
 * ChecksCanFailTest shows each of these checks rejecting a broken manifest.
 */
class ManifestSchemaTest {

    static final List<String> RENDERED = List.of("base", "overlays/dev", "overlays/production",
            KubernetesManifestsTest.SECRET_TEMPLATES, "components/strimzi-kafka");

    @TestFactory
    Stream<DynamicTest> every_rendered_object_is_valid_for_its_api_version_and_kind() {
        return RENDERED.stream().map(dir -> DynamicTest.dynamicTest(dir, () -> {
            // A Component is not buildable on its own: its resources are read as they are.
            Kustomize.Rendered r = dir.startsWith("components/") ? Kustomize.readDirectly(dir) : Kustomize.load(dir);
            assertThat(r.docs()).as(dir).isNotEmpty();
            List<String> problems = StrictModel.problems(dir, r.docs());
            System.out.printf("[manifests] %s: %d objects parsed strictly (%s)%n", dir, r.docs().size(), r.how());
            assertThat(problems).as("%s (%s)", dir, r.how()).isEmpty();
        }));
    }
}
