package io.wirespeed.classify.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects rules for one {@link AclClassifier} (rte_acl_create + rte_acl_add_rules), then compiles
 * them once with {@link #build()}. A context builds once: a changed rule set is a new context and a
 * new classifier, which the lcores can switch to between bursts. Not thread-safe (control path).
 */
public final class AclContext {
    private final List<AclRule> rules = new ArrayList<>();
    private boolean built;

    /** Adds a rule; rules of equal priority rank in the order they were added. */
    public AclContext add(AclRule rule) {
        if (built) {
            throw new IllegalStateException("ACL context already built: add the rules to a new AclContext");
        }
        rules.add(java.util.Objects.requireNonNull(rule, "rule"));
        return this;
    }

    public AclContext addAll(Iterable<AclRule> more) {
        for (AclRule r : more) {
            add(r);
        }
        return this;
    }

    public int size() {
        return rules.size();
    }

    /** Compiles the rules (rte_acl_build); the context takes no more rules afterwards. */
    public AclClassifier build() {
        if (built) {
            throw new IllegalStateException("ACL context already built: build() runs once per context");
        }
        built = true;
        return AclTreeBuilder.build(List.copyOf(rules));
    }
}
