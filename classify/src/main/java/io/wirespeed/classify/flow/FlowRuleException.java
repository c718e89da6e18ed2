package io.wirespeed.classify.flow;

/**
 * A rule the engine refuses (rte_flow_error): says which part of the rule is wrong and why, in one
 * line a user can act on.
 */
public final class FlowRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Which part of the rule is at fault (rte_flow_error_type, shortened). */
    public enum Part { ATTRIBUTES, ITEM, ACTION, RULE }

    private final Part part;

    public FlowRuleException(Part part, String message) {
        super(message);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
