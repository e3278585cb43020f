package dev.revive.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository is, and which services it has (every {@code <name>-service} with an application.properties). */
final class Repo {

    static final Path ROOT = locate();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** Short service names (prober, policy, ...), sorted. */
    static List<String> services() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-service"))
                    .filter(d -> Files.isRegularFile(propertiesOf(d)))
                    .map(d -> d.getFileName().toString().replaceFirst("-service$", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path applicationProperties(String service) {
        return propertiesOf(ROOT.resolve(service + "-service"));
    }

    private static Path propertiesOf(Path serviceDir) {
        return serviceDir.resolve("src/main/resources/application.properties");
    }

    // Surefire passes revive.repo.dir (module basedir/../..); from an IDE, walk up to the folder that has deploy/kubernetes.
    private static Path locate() {
        String configured = System.getProperty("revive.repo.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found: set -Drevive.repo.dir");
    }
}
