package io.jenkins.plugins.kubernetesdelivery;

import hudson.util.FormValidation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.jenkins.plugins.kubernetesdelivery.engine.cluster.KubernetesNames;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BakeRequest;
import io.jenkins.plugins.kubernetesdelivery.engine.image.BuilderImages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsing and checks of the builder defaults: the form answers, and the problems that refuse a save. The text
 * formats are one entry per line: {@code key=value} for the node selector, {@code key[=value][:Effect]} for
 * tolerations (the format of {@code kubectl taint}).
 */
final class BuilderChecks {

    static final Set<String> BUILDERS = Set.of(BakeRequest.BUILDKIT, BakeRequest.KANIKO);
    static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private BuilderChecks() {}

    /** Which builder image a field holds, for messages and defaults. */
    enum Image {
        BUILDKIT,
        KANIKO,
        CONTEXT_RECEIVER;

        BuilderImages with(String image) {
            return new BuilderImages(
                    this == BUILDKIT ? image : null,
                    this == KANIKO ? image : null,
                    this == CONTEXT_RECEIVER ? image : null);
        }
    }

    static FormValidation image(Image which, String value) {
        BuilderImages images = which.with(value);
        Optional<String> rule = images.check().stream().findFirst();
        if (rule.isPresent()) {
            return FormValidation.error(rule.get());
        }
        return images.allPinned() ? FormValidation.ok() : FormValidation.warning(Messages.BuilderChecks_NotPinned());
    }

    static FormValidation builder(String value) {
        return builderRule(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    static FormValidation namespace(String value) {
        String ns = KubernetesCluster.trimToNull(value);
        if (ns == null) {
            return FormValidation.ok(Messages.BuilderChecks_TargetNamespace());
        }
        return error(KubernetesNames.checkDns1123Label(ns).map(r -> Messages.BuilderChecks_Namespace(ns, r)));
    }

    static FormValidation quantity(String value) {
        return error(quantityRule(KubernetesCluster.trimToNull(value)));
    }

    /** A limit: a quantity, not below its request. */
    static FormValidation limit(String value, String request) {
        FormValidation own = quantity(value);
        if (own.kind != FormValidation.Kind.OK) {
            return own;
        }
        return error(belowRequestRule(KubernetesCluster.trimToNull(value), KubernetesCluster.trimToNull(request)));
    }

    static FormValidation nodeSelector(String value) {
        try {
            nodeSelectorOf(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation tolerations(String value) {
        try {
            tolerationsOf(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation serviceAccount(String value) {
        String sa = KubernetesCluster.trimToNull(value);
        if (sa == null) {
            return FormValidation.ok();
        }
        return error(KubernetesNames.checkDns1123Subdomain(sa).map(r -> Messages.BuilderChecks_ServiceAccount(sa, r)));
    }

    /** What is wrong with builder defaults about to be saved; empty when they can be saved. */
    static List<String> problems(BuilderDefaults d) {
        List<Optional<String>> rules = new ArrayList<>();
        rules.add(new BuilderImages(d.getBuildkitImage(), d.getKanikoImage(), d.getContextReceiverImage())
                .check().stream().findFirst());
        rules.add(builderRule(d.getBuilder()));
        rules.add(Optional.ofNullable(d.getNamespace())
                .flatMap(
                        ns -> KubernetesNames.checkDns1123Label(ns).map(r -> Messages.BuilderChecks_Namespace(ns, r))));
        for (Map.Entry<String, String[]> r : d.resources().entrySet()) {
            String request = r.getValue()[0];
            String limit = r.getValue()[1];
            rules.add(quantityRule(request).map(x -> Messages.BuilderChecks_Resource(r.getKey() + " request", x)));
            rules.add(quantityRule(limit).map(x -> Messages.BuilderChecks_Resource(r.getKey() + " limit", x)));
            if (quantityRule(request).isEmpty() && quantityRule(limit).isEmpty()) {
                rules.add(belowRequestRule(limit, request).map(x -> Messages.BuilderChecks_Resource(r.getKey(), x)));
            }
        }
        rules.add(parseRule(() -> nodeSelectorOf(d.getNodeSelector())));
        rules.add(parseRule(() -> tolerationsOf(d.getTolerations())));
        rules.add(Optional.ofNullable(d.getServiceAccount())
                .flatMap(sa -> KubernetesNames.checkDns1123Subdomain(sa)
                        .map(r -> Messages.BuilderChecks_ServiceAccount(sa, r))));
        List<String> problems = new ArrayList<>();
        for (Optional<String> rule : rules) {
            rule.ifPresent(r -> problems.add(Messages.BuilderChecks_Invalid(r)));
        }
        return problems;
    }

    /** {@code key=value} lines as a map, in order; throws for the first bad line, naming it. */
    static Map<String, String> nodeSelectorOf(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : JobPatterns.lines(text)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(Messages.BuilderChecks_NodeSelectorLine(line));
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            labelRules(line, key, value);
            if (map.put(key, value) != null) {
                throw new IllegalArgumentException(Messages.BuilderChecks_DuplicateKey(line, key));
            }
        }
        return map;
    }

    /**
     * {@code key[=value][:Effect]} lines as tolerations: with a value the operator is {@code Equal}, without one
     * {@code Exists}; without an effect every effect is tolerated. Throws for the first bad line, naming it.
     */
    static List<Toleration> tolerationsOf(String text) {
        List<Toleration> list = new ArrayList<>();
        for (String line : JobPatterns.lines(text)) {
            String rest = line;
            String effect = null;
            int colon = line.indexOf(':');
            if (colon >= 0) {
                effect = line.substring(colon + 1).strip();
                rest = line.substring(0, colon).strip();
                if (!EFFECTS.contains(effect)) {
                    throw new IllegalArgumentException(Messages.BuilderChecks_Effect(line, effect));
                }
            }
            int eq = rest.indexOf('=');
            String key = (eq < 0 ? rest : rest.substring(0, eq)).strip();
            String value = eq < 0 ? null : rest.substring(eq + 1).strip();
            labelRules(line, key, value == null ? "" : value);
            list.add(new TolerationBuilder()
                    .withKey(key)
                    .withOperator(value == null ? "Exists" : "Equal")
                    .withValue(value)
                    .withEffect(effect)
                    .build());
        }
        return list;
    }

    private static void labelRules(String line, String key, String value) {
        Optional<String> rule = KubernetesNames.checkQualifiedName(key)
                .map(r -> Messages.BuilderChecks_Key(line, key, r))
                .or(() ->
                        KubernetesNames.checkLabelValue(value).map(r -> Messages.BuilderChecks_Value(line, value, r)));
        if (rule.isPresent()) {
            throw new IllegalArgumentException(rule.get());
        }
    }

    private static Optional<String> builderRule(String builder) {
        if (builder != null && !BUILDERS.contains(builder)) {
            return Optional.of(Messages.BuilderChecks_Builder(builder));
        }
        return Optional.empty();
    }

    private static Optional<String> quantityRule(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (amount(value).signum() < 0) {
                return Optional.of(Messages.BuilderChecks_Quantity(value));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Messages.BuilderChecks_Quantity(value));
        }
    }

    private static Optional<String> belowRequestRule(String limit, String request) {
        if (limit != null && request != null && amount(limit).compareTo(amount(request)) < 0) {
            return Optional.of(Messages.BuilderChecks_BelowRequest(limit, request));
        }
        return Optional.empty();
    }

    private static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    private static Optional<String> parseRule(Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static FormValidation error(Optional<String> rule) {
        return rule.map(FormValidation::error).orElseGet(FormValidation::ok);
    }
}
