package dev.revive.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** YAML in: Kubernetes documents through Jackson (duplicate keys fail), docker-compose through SnakeYAML (it resolves {@code <<} merges). */
final class Yamls {

    // A duplicate key is an error (the API server and kubectl reject it); Jackson would keep the last one silently.
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Yamls() {
    }

    /** Every non-empty document of a multi-document stream. */
    static List<JsonNode> documents(String text) {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            List<JsonNode> out = new ArrayList<>();
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && n.isObject() && !n.isEmpty()) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The items of a YAML list (a kustomize inline JSON 6902 patch). */
    static List<JsonNode> documentsOrArray(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            List<JsonNode> out = new ArrayList<>();
            if (n != null && n.isArray()) {
                n.forEach(out::add);
            } else if (n != null && n.isObject()) {
                out.add(n);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
        }
    }

    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** One document with anchors, aliases and merge keys resolved; duplicate keys are an error, as in Compose. */
    static JsonNode composeDocument(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Object root = yaml.load(Files.readString(file));
            if (!(root instanceof Map<?, ?>)) {
                throw new IllegalStateException(file + ": top level is not a mapping");
            }
            return JSON.valueToTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
