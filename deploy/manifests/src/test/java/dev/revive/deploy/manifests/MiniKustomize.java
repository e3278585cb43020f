package dev.revive.deploy.manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of kustomize that deploy/kubernetes uses, for machines without kubectl: resources and components
 * (recursively), {@code namespace} (also RoleBinding subjects), {@code labels} (pairs, includeTemplates, not
 * selectors), {@code replicas}, {@code images}, and {@code patches} (inline JSON 6902 {@code replace}/{@code add}/
 * {@code remove} by target kind/name/group, and strategic-merge files of maps). Anything else in a kustomization is
 * refused, so the renderer cannot silently drift from kustomize; KustomizeParityTest compares it with
 * {@code kubectl kustomize} wherever kubectl exists.
 */
final class MiniKustomize {

    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "components", "labels",
            "replicas", "images", "patches");
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private MiniKustomize() {
    }

    static List<JsonNode> render(Path dir) {
        JsonNode k = Yamls.documents(dir.resolve("kustomization.yaml")).get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalStateException(dir + "/kustomization.yaml: field " + f + " is not supported by MiniKustomize");
            }
        }
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            docs.addAll(Files.isDirectory(p) ? render(p) : copies(Yamls.documents(p)));
        }
        for (JsonNode c : k.path("components")) {
            Path p = dir.resolve(c.asText()).normalize();
            docs = applyComponent(p, docs);
        }
        transform(dir, k, docs);
        return docs;
    }

    private static List<JsonNode> applyComponent(Path dir, List<JsonNode> docs) {
        JsonNode k = Yamls.documents(dir.resolve("kustomization.yaml")).get(0);
        List<JsonNode> out = new ArrayList<>(docs);
        for (JsonNode r : k.path("resources")) {
            out.addAll(copies(Yamls.documents(dir.resolve(r.asText()).normalize())));
        }
        transform(dir, k, out);
        return out;
    }

    private static List<JsonNode> copies(List<JsonNode> docs) {
        return new ArrayList<>(docs.stream().<JsonNode>map(JsonNode::deepCopy).toList());
    }

    private static void transform(Path dir, JsonNode k, List<JsonNode> docs) {
        for (JsonNode p : k.path("patches")) {
            patch(dir, p, docs);
        }
        for (JsonNode r : k.path("replicas")) {
            for (JsonNode d : docs) {
                if (WORKLOADS.contains(kind(d)) && name(d).equals(r.path("name").asText())) {
                    ((ObjectNode) d.path("spec")).put("replicas", r.path("count").asInt());
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            for (JsonNode d : docs) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String ref = c.path("image").asText();
                    String repo = ComposeParityTest.repository(ref);
                    if (repo.equals(image.path("name").asText())) {
                        String tag = image.has("newTag") ? image.path("newTag").asText() : ref.substring(repo.length() + 1);
                        ((ObjectNode) c).put("image", image.path("newName").asText(repo) + ":" + tag);
                    }
                }
            }
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean(false)) {
                throw new IllegalStateException(dir + ": labels with includeSelectors are not supported by MiniKustomize");
            }
            for (JsonNode d : docs) {
                addLabels((ObjectNode) d, l.path("pairs"));
                if (l.path("includeTemplates").asBoolean(false) && WORKLOADS.contains(kind(d))) {
                    addLabels((ObjectNode) d.path("spec").path("template"), l.path("pairs"));
                }
            }
        }
        if (k.has("namespace")) {
            String ns = k.path("namespace").asText();
            for (JsonNode d : docs) {
                if (!kind(d).equals("Namespace")) {
                    ((ObjectNode) d).withObjectProperty("metadata").put("namespace", ns);
                }
                if (kind(d).equals("RoleBinding")) {
                    for (JsonNode s : d.path("subjects")) {
                        if (s.path("kind").asText().equals("ServiceAccount")) {
                            ((ObjectNode) s).put("namespace", ns);
                        }
                    }
                }
            }
        }
    }

    private static void addLabels(ObjectNode o, JsonNode pairs) {
        ObjectNode labels = o.withObjectProperty("metadata").withObjectProperty("labels");
        pairs.fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
    }

    private static void patch(Path dir, JsonNode p, List<JsonNode> docs) {
        if (p.has("path")) {
            for (JsonNode sm : Yamls.documents(dir.resolve(p.path("path").asText()))) {
                JsonNode target = docs.stream().filter(d -> kind(d).equals(kind(sm)) && name(d).equals(name(sm)))
                        .findFirst().orElseThrow(() -> new IllegalStateException(dir + ": patch target " + kind(sm) + " "
                                + name(sm) + " not found"));
                merge((ObjectNode) target, sm);
            }
            return;
        }
        JsonNode t = p.path("target");
        List<JsonNode> ops = Yamls.documentsOrArray(p.path("patch").asText());
        for (JsonNode d : docs) {
            boolean match = (!t.has("kind") || t.path("kind").asText().equals(kind(d)))
                    && (!t.has("name") || t.path("name").asText().equals(name(d)))
                    && (!t.has("group") || d.path("apiVersion").asText().startsWith(t.path("group").asText() + "/"));
            if (match) {
                for (JsonNode op : ops) {
                    apply(dir, d, op);
                }
            }
        }
    }

    /** Strategic merge restricted to maps: lists in a patch replace (none of Revive's patches has one). */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private static void apply(Path dir, JsonNode doc, JsonNode op) {
        String[] path = op.path("path").asText().substring(1).split("/");
        JsonNode parent = doc;
        for (int i = 0; i < path.length - 1; i++) {
            String seg = unescape(path[i]);
            parent = parent.isArray() ? parent.path(Integer.parseInt(seg)) : parent.path(seg);
            if (parent.isMissingNode()) {
                throw new IllegalStateException(dir + ": JSON patch path " + op.path("path").asText() + " not found in " + name(doc));
            }
        }
        String last = unescape(path[path.length - 1]);
        switch (op.path("op").asText()) {
            case "replace", "add" -> {
                if (parent instanceof ArrayNode a) {
                    a.set(Integer.parseInt(last), op.path("value").deepCopy());
                } else {
                    if (op.path("op").asText().equals("replace") && !parent.has(last)) {
                        throw new IllegalStateException(dir + ": replace of missing " + op.path("path").asText() + " in " + name(doc));
                    }
                    ((ObjectNode) parent).set(last, op.path("value").deepCopy());
                }
            }
            case "remove" -> {
                if (parent instanceof ArrayNode a) {
                    a.remove(Integer.parseInt(last));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
            }
            default -> throw new IllegalStateException(dir + ": JSON patch op " + op.path("op").asText() + " not supported");
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static String kind(JsonNode d) {
        return d.path("kind").asText();
    }

    private static String name(JsonNode d) {
        return d.path("metadata").path("name").asText();
    }

    /** For comparisons: kind/namespace/name of every object. */
    static Map<String, JsonNode> byId(List<JsonNode> docs) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (JsonNode d : docs) {
            out.put(d.path("apiVersion").asText() + " " + kind(d) + " " + d.path("metadata").path("namespace").asText("")
                    + "/" + name(d), d);
        }
        return out;
    }
}
