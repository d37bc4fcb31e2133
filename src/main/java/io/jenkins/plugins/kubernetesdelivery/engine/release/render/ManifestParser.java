package io.jenkins.plugins.kubernetesdelivery.engine.release.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.ApiErrors;
import io.jenkins.plugins.kubernetesdelivery.engine.release.ManifestFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads manifest files safely: YAML 1.2 core schema, plain maps, lists and scalars only. Type tags have no
 * constructor and fail; aliases, size and nesting are bounded, and so is the size of a file once its aliases are
 * expanded (a node budget: a few aliases of aliases reach millions of nodes); duplicate keys fail.
 */
final class ManifestParser {

    static final int MAX_FILE_CHARS = 3 * 1024 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 64;
    /**
     * The most nodes (mappings, sequences, scalars) a file may hold with its aliases expanded, counted over all of its
     * documents. A manifest of the largest size without aliases has fewer; a handful of nested aliases has millions.
     */
    static final int MAX_NODES = 500_000;

    /** One parsed object and where it came from. */
    record Parsed(String source, GenericKubernetesResource object) {
        String describe() {
            return object.getKind() + " " + object.getMetadata().getName() + " (" + source + ")";
        }
    }

    private ManifestParser() {}

    /** Parses every file; problems name the file and document. Empty documents are skipped. */
    static List<Parsed> parse(List<ManifestFile> files, List<String> problems) {
        List<Parsed> out = new ArrayList<>();
        for (ManifestFile f : files) {
            if (f.text().length() > MAX_FILE_CHARS) {
                problems.add("manifest " + f.name() + " is larger than " + MAX_FILE_CHARS + " characters");
                continue;
            }
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(f.name())
                    .setSchema(new CoreSchema())
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(MAX_ALIASES)
                    .setCodePointLimit(MAX_FILE_CHARS)
                    .build();
            int doc = 0;
            int[] budget = {MAX_NODES};
            try {
                for (Object o : new Load(settings).loadAllFromString(f.text())) {
                    doc++;
                    String source = f.name() + " document " + doc;
                    if (o == null) {
                        continue;
                    }
                    parseDocument(source, o, budget, problems).ifPresent(r -> out.add(new Parsed(source, r)));
                }
            } catch (OverBudget e) {
                problems.add("manifest " + f.name() + " expands to more than " + MAX_NODES + " YAML nodes once its"
                        + " aliases are expanded; use fewer aliases or split it into smaller files");
            } catch (YamlEngineException e) {
                problems.add("manifest " + f.name() + " is not valid YAML (no type tags, at most " + MAX_ALIASES
                        + " aliases): " + describe(e));
            } catch (StackOverflowError e) {
                problems.add("manifest " + f.name() + " is nested deeper than " + MAX_DEPTH + " levels");
            }
        }
        return out;
    }

    private static java.util.Optional<GenericKubernetesResource> parseDocument(
            String source, Object o, int[] budget, List<String> problems) {
        if (!(o instanceof Map<?, ?> map)) {
            problems.add(source + " is not a mapping (an object with apiVersion, kind and metadata)");
            return java.util.Optional.empty();
        }
        String unsafe = checkPlain(o, 0, budget);
        if (unsafe != null) {
            problems.add(source + " " + unsafe);
            return java.util.Optional.empty();
        }
        if (!(map.get("apiVersion") instanceof String) || !(map.get("kind") instanceof String)) {
            problems.add(source + " must have string fields apiVersion and kind");
            return java.util.Optional.empty();
        }
        if ("List".equals(map.get("kind"))) {
            problems.add(source + " is a List; give the objects as separate YAML documents");
            return java.util.Optional.empty();
        }
        GenericKubernetesResource r;
        try {
            r = Serialization.jsonMapper().convertValue(map, GenericKubernetesResource.class);
        } catch (IllegalArgumentException e) {
            problems.add(source + " has malformed fields: " + redacted(e.getMessage()));
            return java.util.Optional.empty();
        }
        if (r.getMetadata() == null
                || r.getMetadata().getName() == null
                || r.getMetadata().getName().isEmpty()) {
            problems.add(source + " (" + r.getKind() + ") must have metadata.name");
            return java.util.Optional.empty();
        }
        if (r.getMetadata().getGenerateName() != null) {
            problems.add(source + " (" + r.getKind() + ") must not use metadata.generateName");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(r);
    }

    /** Thrown when a file's expanded size passes {@link #MAX_NODES}: the walk stops at once. */
    private static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget() {
            super(null, null, false, false);
        }
    }

    /**
     * Only maps with string keys, lists, strings, numbers, booleans and null; bounded depth. Walks the document as
     * it will be converted, an alias once per use, and takes every node from {@code budget}.
     *
     * @throws OverBudget when the budget runs out
     */
    private static String checkPlain(Object o, int depth, int[] budget) {
        if (--budget[0] < 0) {
            throw new OverBudget();
        }
        if (depth > MAX_DEPTH) {
            return "is nested deeper than " + MAX_DEPTH + " levels";
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    return "has a key that is not a string: " + e.getKey();
                }
                String p = checkPlain(e.getValue(), depth + 1, budget);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (o instanceof List<?> l) {
            for (Object v : l) {
                String p = checkPlain(v, depth + 1, budget);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
            return null;
        }
        return "holds a value of an unsupported YAML type (" + o.getClass().getSimpleName() + ")";
    }

    /**
     * Where and what, never the source text: snakeyaml-engine's message quotes the offending line, which may hold a
     * Secret's value.
     */
    static String describe(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException m) {
            var mark = m.getProblemMark().or(m::getContextMark);
            String where = mark.map(x -> "line " + (x.getLine() + 1) + ", column " + (x.getColumn() + 1) + ": ")
                    .orElse("");
            String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
            return where + ApiErrors.oneLine(problem == null ? "unreadable" : problem);
        }
        return ApiErrors.oneLine(e.getMessage());
    }

    /** Quoted text in a message (a field's value, as Jackson quotes it) replaced by {@code ****}. */
    static String redacted(String message) {
        return ApiErrors.oneLine(message).replaceAll("\"[^\"]*\"", "\"****\"").replaceAll("'[^']*'", "'****'");
    }
}
