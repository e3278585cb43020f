package dev.revive.deploy.manifests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kustomization's output: rendered by {@code kubectl kustomize} when kubectl is on PATH, else (a fresh CI machine)
 * by {@link MiniKustomize}, which KustomizeParityTest holds equal to kubectl's output wherever both run.
 * {@code -Drevive.manifests.kubectl=false} forces the latter. {@link #readDirectly} (resources as written, no
 * transformers) is for components and for tests that break one file.
 */
final class Kustomize {

    static final Path KUBERNETES = Repo.path("deploy/kubernetes");

    /** @param how "kubectl kustomize" or "read directly", printed by the tests */
    record Rendered(String dir, String how, List<JsonNode> docs) {
    }

    private Kustomize() {
    }

    static Optional<Path> kubectl() {
        if ("false".equals(System.getProperty("revive.manifests.kubectl"))) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code dir} relative to deploy/kubernetes, e.g. "base" or "overlays/production". */
    static Rendered load(String dir) {
        Optional<Path> kubectl = kubectl();
        Rendered r = kubectl.isPresent() ? render(kubectl.get(), dir)
                : new Rendered(dir, "rendered by MiniKustomize (kubectl not on PATH)", MiniKustomize.render(KUBERNETES.resolve(dir)));
        System.out.printf("[manifests] deploy/kubernetes/%s: %d documents, %s%n", dir, r.docs().size(), r.how());
        return r;
    }

    static Rendered render(Path kubectl, String dir) {
        try {
            Path out = Files.createTempFile("revive-kustomize", ".yaml");
            Path err = Files.createTempFile("revive-kustomize", ".err");
            try {
                Process p = new ProcessBuilder(kubectl.toString(), "kustomize", KUBERNETES.resolve(dir).toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new Rendered(dir, "rendered with kubectl kustomize (" + kubectl + ")",
                        Yamls.documents(Files.readString(out, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Rendered readDirectly(String dir) {
        List<JsonNode> docs = new ArrayList<>();
        collect(KUBERNETES.resolve(dir), docs);
        return new Rendered(dir, "kubectl not used: resources listed in kustomization.yaml read directly, "
                + "patches not applied", docs);
    }

    private static void collect(Path kustomizationDir, List<JsonNode> docs) {
        Path file = kustomizationDir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no kustomization.yaml in " + kustomizationDir);
        }
        JsonNode k = Yamls.documents(file).get(0);
        for (String field : List.of("resources", "components")) {
            for (JsonNode entry : k.path(field)) {
                String ref = entry.asText();
                if (ref.contains("://")) {
                    throw new IllegalStateException(file + ": remote resource " + ref + " cannot be read offline");
                }
                Path p = kustomizationDir.resolve(ref).normalize();
                if (Files.isDirectory(p)) {
                    collect(p, docs);
                } else {
                    docs.addAll(Yamls.documents(p));
                }
            }
        }
    }
}
