package io.wirespeed.app.testpmd;

import io.wirespeed.classify.flow.FlowAction;
import io.wirespeed.classify.flow.FlowCommand;
import io.wirespeed.classify.flow.FlowCommandParser;
import io.wirespeed.classify.flow.FlowCounters;
import io.wirespeed.classify.flow.FlowEngine;
import io.wirespeed.classify.flow.FlowItem;
import io.wirespeed.classify.flow.FlowRuleDefinition;
import io.wirespeed.classify.flow.FlowRuleException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * testpmd's {@code flow validate|create|destroy|flush|query|list} commands against a port's
 * software flow rules, printed as DPDK prints them ("Flow rule #0 created", the list's
 * {@code ID Group Prio Attr Rule} table, the COUNT query block).
 */
final class FlowShellCommands {
    private final Testpmd testpmd;
    private final PrintStream out;

    FlowShellCommands(Testpmd testpmd, PrintStream out) {
        this.testpmd = testpmd;
        this.out = out;
    }

    /** Runs one {@code flow ...} line; a malformed one throws IllegalArgumentException. */
    void execute(String line) {
        FlowCommand command = FlowCommandParser.parse(line);
        FlowEngine flows = testpmd.steering(command.port()).flows();
        try {
            switch (command) {
                case FlowCommand.Validate v -> {
                    flows.validate(v.rule());
                    out.println("Flow rule validated");
                }
                case FlowCommand.Create c -> out.printf("Flow rule #%d created%n", flows.create(c.rule()));
                case FlowCommand.Destroy d -> destroy(flows, d);
                case FlowCommand.Flush f -> {
                    int n = flows.size();
                    flows.flush();
                    out.printf("Flushed %d flow rule%s on port %d%n", n, n == 1 ? "" : "s", f.port());
                }
                case FlowCommand.Query q -> query(flows.query(q.ruleId()));
                case FlowCommand.ListRules l -> list(flows.list());
            }
        } catch (FlowRuleException e) {
            // rte_flow's complaint: which part of the rule, and why.
            throw new IllegalArgumentException("flow rule refused (" + e.part().name().toLowerCase(Locale.ROOT)
                    + "): " + e.getMessage(), e);
        }
    }

    private void destroy(FlowEngine flows, FlowCommand.Destroy d) {
        for (int id : d.ruleIds()) {
            if (flows.destroy(id)) {
                out.printf("Flow rule #%d destroyed%n", id);
            } else {
                out.printf("Flow rule #%d not found on port %d%n", id, d.port());
            }
        }
    }

    private void query(FlowCounters counters) {
        out.println("COUNT:");
        out.println(" hits_set: 1");
        out.println(" bytes_set: 1");
        out.printf(" hits: %d%n", counters.hits());
        out.printf(" bytes: %d%n", counters.bytes());
    }

    private void list(Map<Integer, FlowRuleDefinition> rules) {
        out.println("ID\tGroup\tPrio\tAttr\tRule");
        rules.forEach((id, rule) -> out.printf("%d\t%d\t%d\t%s\t%s%n", id, rule.attributes().group(),
                rule.attributes().priority(), attributes(rule), summary(rule)));
    }

    private static String attributes(FlowRuleDefinition rule) {
        return (rule.attributes().ingress() ? "i" : "-") + (rule.attributes().egress() ? "e" : "-") + "-";
    }

    /** DPDK's one-line rule summary: the items, then the actions, e.g. {@code ETH IPV4 UDP => QUEUE}. */
    private static String summary(FlowRuleDefinition rule) {
        StringJoiner s = new StringJoiner(" ");
        for (FlowItem item : rule.pattern()) {
            s.add(item.type().keyword().toUpperCase(Locale.ROOT));
        }
        s.add("=>");
        for (FlowAction action : rule.actions()) {
            s.add(actionName(action));
        }
        return s.toString();
    }

    private static String actionName(FlowAction action) {
        return switch (action) {
            case FlowAction.Queue q -> "QUEUE";
            case FlowAction.Drop d -> "DROP";
            case FlowAction.Rss r -> "RSS";
            case FlowAction.Port p -> "PORT_ID";
            case FlowAction.Jump j -> "JUMP";
            case FlowAction.Mark m -> "MARK";
            case FlowAction.Count c -> "COUNT";
        };
    }
}
