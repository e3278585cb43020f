package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** One service's Kubernetes objects against its application.properties. Returns problems; an empty list is a pass. */
final class DeploymentChecks {

    /** The services that must scale on load (probing and detection); the others run a fixed number of replicas. */
    static final Set<String> AUTOSCALED = Set.of("prober", "policy");
    static final String IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

    private DeploymentChecks() {
    }

    /**
     * @param docs    the rendered documents
     * @param secrets Secrets created out of band (the placeholder templates), used when {@code docs} has no Secret of
     *                the referenced name
     */
    static List<String> check(String dir, List<JsonNode> docs, List<JsonNode> secrets, ServiceProperties props) {
        List<String> out = new ArrayList<>();
        String svc = props.service;
        Optional<JsonNode> found = deploymentOf(docs, svc);
        if (found.isEmpty()) {
            out.add(dir + ": no Deployment for " + svc + "-service (label app.kubernetes.io/component=" + svc + ")");
            return out;
        }
        JsonNode deployment = found.get();
        String where = dir + " Deployment " + deployment.path("metadata").path("name").asText();
        JsonNode podSpec = deployment.path("spec").path("template").path("spec");
        JsonNode container = podSpec.path("containers").path(0);
        if (container.isMissingNode()) {
            out.add(where + ": no container");
            return out;
        }

        Map<String, String> env = env(where, container, docs, secrets, out);
        out.addAll(EnvWiring.problems(where, props, env));

        int port = EnvWiring.httpPort(props, env);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode p : container.path("ports")) {
            ports.put(p.path("name").asText(""), p.path("containerPort").asInt());
        }
        if (!ports.containsValue(port)) {
            out.add(where + ": containerPort " + ports.values() + " but " + svc + "-service listens on " + port
                    + " (quarkus.http.port)");
        }
        probe(out, where, container, "livenessProbe", "/q/health/live", ports, port);
        probe(out, where, container, "readinessProbe", "/q/health/ready", ports, port);
        probe(out, where, container, "startupProbe", null, ports, port);

        resources(out, where, container);
        security(out, where, podSpec, container);
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        service(out, where, docs, podLabels, ports, port);
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        if (replicas > 1 || AUTOSCALED.contains(svc)) {
            disruptionBudget(out, where, docs, podLabels);
        }
        out.addAll(NetworkPolicyChecks.check(where, docs, svc, podLabels, ports, port, env, props.hasDatasource()));
        if (!svc.equals("actuator") && podSpec.path("automountServiceAccountToken").asBoolean(true)) {
            out.add(where + ": automountServiceAccountToken is not false (only the actuator talks to the API server)");
        }
        if (AUTOSCALED.contains(svc)) {
            autoscaler(out, where, docs, deployment.path("metadata").path("name").asText());
        }
        if (svc.equals("actuator")) {
            irsa(out, where, docs, podSpec);
        }
        return out;
    }

    static Optional<JsonNode> deploymentOf(List<JsonNode> docs, String svc) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals("Deployment"))
                .filter(d -> svc.equals(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText())
                        || ("revive-" + svc).equals(d.path("metadata").path("name").asText()))
                .findFirst();
    }

    /** The container's env: {@code env} entries and every key of the ConfigMaps and Secrets of {@code envFrom}. */
    static Map<String, String> env(String where, JsonNode container, List<JsonNode> docs, List<JsonNode> secrets,
            List<String> out) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            boolean optional;
            Optional<JsonNode> source;
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                optional = from.path("configMapRef").path("optional").asBoolean(false);
                source = named(docs, "ConfigMap", name);
                if (source.isEmpty() && !optional) {
                    out.add(where + ": envFrom ConfigMap " + name + " is not in the manifests");
                }
            } else {
                String name = from.path("secretRef").path("name").asText();
                optional = from.path("secretRef").path("optional").asBoolean(false);
                source = named(docs, "Secret", name).or(() -> named(secrets, "Secret", name));
                if (source.isEmpty() && !optional) {
                    out.add(where + ": envFrom Secret " + name + " is neither in the manifests nor a template");
                }
            }
            source.ifPresent(s -> {
                for (String field : List.of("data", "stringData", "binaryData")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.path(field).fields(); it.hasNext();) {
                        var e = it.next();
                        // Secret data is base64 and a placeholder: only its name matters here.
                        env.put(prefix + e.getKey(), field.equals("stringData") || s.path("kind").asText().equals("ConfigMap")
                                ? e.getValue().asText() : null);
                    }
                }
            });
        }
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : null);
        }
        return env;
    }

    private static Optional<JsonNode> named(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind))
                .filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    private static void probe(List<String> out, String where, JsonNode container, String probe, String path,
            Map<String, Integer> ports, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        if (get.isMissingNode()) {
            out.add(where + ": no " + probe + " (httpGet)");
            return;
        }
        String actual = get.path("path").asText();
        if (path != null ? !actual.equals(path) : !actual.startsWith("/q/health")) {
            out.add(where + ": " + probe + " path is " + actual + ", expected " + (path != null ? path : "/q/health/..."));
        }
        Integer resolved = resolvePort(get.path("port"), ports);
        if (resolved == null || resolved != port) {
            out.add(where + ": " + probe + " port " + get.path("port").asText() + " is not the service's port " + port);
        }
    }

    private static Integer resolvePort(JsonNode port, Map<String, Integer> ports) {
        return port.isInt() ? Integer.valueOf(port.asInt()) : ports.get(port.asText());
    }

    private static void resources(List<String> out, String where, JsonNode container) {
        for (String kind : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                if (container.path("resources").path(kind).path(res).isMissingNode()) {
                    out.add(where + ": no resources." + kind + "." + res);
                }
            }
        }
    }

    private static void security(List<String> out, String where, JsonNode podSpec, JsonNode container) {
        JsonNode pod = podSpec.path("securityContext");
        JsonNode c = container.path("securityContext");
        boolean nonRoot = c.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false));
        if (!nonRoot) {
            out.add(where + ": runAsNonRoot is not true");
        }
        int uid = c.path("runAsUser").asInt(pod.path("runAsUser").asInt(-1));
        if (uid == 0) {
            out.add(where + ": runs as uid 0");
        }
        if (c.path("allowPrivilegeEscalation").asBoolean(true)) {
            out.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!c.path("readOnlyRootFilesystem").asBoolean(false)) {
            out.add(where + ": readOnlyRootFilesystem is not true");
        }
        String seccomp = c.path("seccompProfile").path("type").asText(pod.path("seccompProfile").path("type").asText(""));
        if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
            out.add(where + ": seccompProfile is not RuntimeDefault");
        }
        List<String> dropped = new ArrayList<>();
        c.path("capabilities").path("drop").forEach(n -> dropped.add(n.asText()));
        if (!dropped.contains("ALL")) {
            out.add(where + ": capabilities.drop does not contain ALL");
        }
        if (!c.path("capabilities").path("add").isEmpty()) {
            out.add(where + ": adds capabilities " + c.path("capabilities").path("add"));
        }
        if (c.path("privileged").asBoolean(false)) {
            out.add(where + ": privileged");
        }
        // A read-only root needs a writable /tmp (the JVM, Vert.x' file cache) on an emptyDir.
        boolean tmp = false;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals("/tmp") && !m.path("readOnly").asBoolean(false)) {
                String volume = m.path("name").asText();
                for (JsonNode v : podSpec.path("volumes")) {
                    tmp |= v.path("name").asText().equals(volume) && v.has("emptyDir");
                }
            }
        }
        if (!tmp) {
            out.add(where + ": no writable emptyDir mounted at /tmp (the root file system is read-only)");
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static void service(List<String> out, String where, List<JsonNode> docs, JsonNode podLabels,
            Map<String, Integer> ports, int port) {
        List<JsonNode> services = docs.stream().filter(d -> d.path("kind").asText().equals("Service"))
                .filter(d -> selects(d.path("spec").path("selector"), podLabels)).toList();
        if (services.isEmpty()) {
            out.add(where + ": no Service selects its pods");
        }
        for (JsonNode s : services) {
            boolean reaches = StreamSupport.stream(s.path("spec").path("ports").spliterator(), false)
                    .map(p -> p.has("targetPort") ? resolvePort(p.path("targetPort"), ports) : Integer.valueOf(p.path("port").asInt()))
                    .anyMatch(p -> p != null && p == port);
            if (!reaches) {
                out.add(where + ": Service " + s.path("metadata").path("name").asText() + " does not target port " + port);
            }
        }
    }

    private static void disruptionBudget(List<String> out, String where, List<JsonNode> docs, JsonNode podLabels) {
        boolean any = docs.stream().filter(d -> d.path("kind").asText().equals("PodDisruptionBudget"))
                .anyMatch(d -> selects(d.path("spec").path("selector").path("matchLabels"), podLabels));
        if (!any) {
            out.add(where + ": no PodDisruptionBudget selects its pods");
        }
    }

    private static void autoscaler(List<String> out, String where, List<JsonNode> docs, String deploymentName) {
        boolean any = docs.stream().filter(d -> d.path("kind").asText().equals("HorizontalPodAutoscaler"))
                .map(d -> d.path("spec").path("scaleTargetRef"))
                .anyMatch(t -> t.path("kind").asText().equals("Deployment") && t.path("name").asText().equals(deploymentName));
        if (!any) {
            out.add(where + ": no HorizontalPodAutoscaler scales it");
        }
    }

    private static void irsa(List<String> out, String where, List<JsonNode> docs, JsonNode podSpec) {
        String sa = podSpec.path("serviceAccountName").asText("");
        if (sa.isEmpty()) {
            out.add(where + ": no serviceAccountName (AWS access goes through an IRSA-annotated ServiceAccount)");
            return;
        }
        Optional<JsonNode> account = named(docs, "ServiceAccount", sa);
        if (account.isEmpty()) {
            out.add(where + ": ServiceAccount " + sa + " is not in the manifests");
        } else if (!account.get().path("metadata").path("annotations").path(IRSA_ANNOTATION).asText("").startsWith("arn:aws:iam::")) {
            out.add(where + ": ServiceAccount " + sa + " has no " + IRSA_ANNOTATION + " annotation with an IAM role ARN");
        }
    }
}
