package io.wirespeed.classify.flow;

import java.util.List;

/** A rule as a user writes it: attributes, pattern and actions (rte_flow_create's arguments). */
public record FlowRuleDefinition(FlowAttributes attributes, List<FlowItem> pattern, List<FlowAction> actions) {
    public FlowRuleDefinition {
        pattern = List.copyOf(pattern);
        actions = List.copyOf(actions);
    }
}
