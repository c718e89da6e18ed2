package io.wirespeed.classify.flow;

import java.util.Arrays;

/**
 * One immutable generation of a port's rules, grouped and ordered for matching: the engine builds
 * a new set on every change and publishes it whole, so a matcher sees either the old rules or the
 * new ones, never a mix.
 */
final class FlowRuleSet {
    static final FlowRuleSet EMPTY = new FlowRuleSet(new int[0], new FlowRule[0][]);

    /** The groups that have rules, ascending. */
    final int[] groups;
    /** rules[i]: group groups[i]'s rules by priority, then by creation. */
    final FlowRule[][] rules;

    FlowRuleSet(int[] groups, FlowRule[][] rules) {
        this.groups = groups;
        this.rules = rules;
    }

    /** The index of {@code group} in {@link #rules}, or -1 when it has no rules. */
    int indexOf(int group) {
        int i = Arrays.binarySearch(groups, group);
        return i >= 0 ? i : -1;
    }
}
