package io.wirespeed.classify.flow;

import java.util.List;

/** One item of a pattern: a protocol layer the packet must carry, and what its fields must hold. */
public record FlowItem(FlowItemType type, List<FieldMatch> fields) {
    public FlowItem {
        fields = List.copyOf(fields);
        for (FieldMatch f : fields) {
            if (f.field().item() != type) {
                throw new IllegalArgumentException("field " + f.field() + " does not belong to item " + type.keyword());
            }
        }
    }

    /** The layer present, any content (an item with no spec). */
    public static FlowItem any(FlowItemType type) {
        return new FlowItem(type, List.of());
    }

    public static FlowItem of(FlowItemType type, FieldMatch... fields) {
        return new FlowItem(type, List.of(fields));
    }
}
