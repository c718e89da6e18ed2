package io.wirespeed.classify.flow;

/**
 * Where a rule applies (rte_flow_attr): its group (rules of group 0 are tried first; JUMP moves to
 * another group), its priority within the group (0 is tried first), and its direction.
 */
public record FlowAttributes(int group, int priority, boolean ingress, boolean egress) {
    public FlowAttributes {
        if (group < 0) {
            throw new IllegalArgumentException("group " + group + " is negative");
        }
        if (priority < 0) {
            throw new IllegalArgumentException("priority " + priority + " is negative");
        }
    }

    /** Group 0, priority 0, ingress: the common case. */
    public static final FlowAttributes INGRESS = new FlowAttributes(0, 0, true, false);
}
