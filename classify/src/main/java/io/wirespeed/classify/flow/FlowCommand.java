package io.wirespeed.classify.flow;

import java.util.List;

/** A testpmd {@code flow ...} command, parsed by {@link FlowCommandParser}. */
public sealed interface FlowCommand {
    int port();

    record Validate(int port, FlowRuleDefinition rule) implements FlowCommand {
    }

    record Create(int port, FlowRuleDefinition rule) implements FlowCommand {
    }

    record Destroy(int port, List<Integer> ruleIds) implements FlowCommand {
        public Destroy {
            ruleIds = List.copyOf(ruleIds);
        }
    }

    record Flush(int port) implements FlowCommand {
    }

    record Query(int port, int ruleId) implements FlowCommand {
    }

    record ListRules(int port) implements FlowCommand {
    }
}
