package dev.revive.deploy.manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** docker-compose services against the services' application.properties (no Docker needed). */
final class ComposeChecks {

    static final Path COMPOSE_DIR = Repo.path("deploy/compose");
    static final Path COMPOSE_FILE = COMPOSE_DIR.resolve("docker-compose.yml");

    private ComposeChecks() {
    }

    /** Compose services that run once and exit: another service waits for them with service_completed_successfully. */
    static List<String> oneShot(JsonNode services) {
        List<String> out = new ArrayList<>();
        services.fields().forEachRemaining(s -> s.getValue().path("depends_on").fields().forEachRemaining(dep -> {
            if (dep.getValue().path("condition").asText().equals("service_completed_successfully")
                    && !out.contains(dep.getKey())) {
                out.add(dep.getKey());
            }
        }));
        return out;
    }

    /** Compose service name -> Revive service (its build arg SERVICE). */
    static Map<String, String> reviveServices(JsonNode services) {
        Map<String, String> out = new LinkedHashMap<>();
        services.fields().forEachRemaining(s -> {
            JsonNode arg = s.getValue().path("build").path("args").path("SERVICE");
            if (!arg.isMissingNode()) {
                out.put(s.getKey(), arg.asText());
            }
        });
        return out;
    }

    /** {@code environment} in map or list form. Values are as written (interpolation not applied). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        } else {
            for (JsonNode item : e) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return env;
    }

    static List<String> checkService(String name, JsonNode service, ServiceProperties props) {
        List<String> out = new ArrayList<>();
        String where = "docker-compose service " + name;
        Map<String, String> env = environment(service);
        if (service.has("env_file")) {
            out.add(where + ": env_file is not checked; put the service's variables under environment");
        }
        out.addAll(EnvWiring.problems(where, props, env));
        int port = EnvWiring.httpPort(props, env);

        String test = String.join(" ", texts(service.path("healthcheck").path("test")));
        if (!test.contains("localhost:" + port + "/q/health/ready")) {
            out.add(where + ": healthcheck does not call http://localhost:" + port + "/q/health/ready: " + test);
        }
        String exposed = service.path("build").path("args").path("HTTP_PORT").asText("");
        if (!exposed.equals(Integer.toString(port))) {
            out.add(where + ": build arg HTTP_PORT=" + exposed + " but the service listens on " + port);
        }
        boolean published = texts(service.path("ports")).stream().anyMatch(p -> p.endsWith(":" + port) || p.equals(Integer.toString(port)));
        if (!published) {
            out.add(where + ": port " + port + " is not published");
        }
        Path context = COMPOSE_DIR.resolve(service.path("build").path("context").asText(".")).normalize();
        Path dockerfile = context.resolve(service.path("build").path("dockerfile").asText("Dockerfile"));
        if (!Files.isRegularFile(dockerfile)) {
            out.add(where + ": Dockerfile " + dockerfile + " does not exist");
        }
        if (!Files.isDirectory(context.resolve(props.service + "-service"))) {
            out.add(where + ": build context " + context + " has no " + props.service + "-service folder");
        }
        return out;
    }

    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                out.add(it.next().asText());
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node.asText());
        }
        return out;
    }
}
