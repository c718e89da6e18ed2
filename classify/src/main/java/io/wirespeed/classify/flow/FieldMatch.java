package io.wirespeed.classify.flow;

/**
 * What one field must hold (rte_flow's spec, mask and last): {@code value & mask == spec & mask},
 * or, with a {@code last}, {@code spec & mask <= value & mask <= last & mask} (unsigned).
 */
public record FieldMatch(FlowField field, long spec, long mask, long last, boolean ranged) {
    public FieldMatch {
        long full = field.fullMask();
        if ((spec & ~full) != 0 || (mask & ~full) != 0 || (last & ~full) != 0) {
            throw new IllegalArgumentException(field.item().keyword() + " " + field.keyword()
                    + ": value wider than the field's " + field.bits() + " bits");
        }
    }

    /** Matches {@code value} exactly over the whole field (testpmd's {@code is}). */
    public static FieldMatch exact(FlowField field, long value) {
        return new FieldMatch(field, value, field.fullMask(), 0, false);
    }

    public static FieldMatch masked(FlowField field, long spec, long mask) {
        return new FieldMatch(field, spec, mask, 0, false);
    }

    public static FieldMatch range(FlowField field, long first, long last, long mask) {
        return new FieldMatch(field, first, mask, last, true);
    }

    /** Whether a packet's value of the field satisfies this match. */
    public boolean test(long value) {
        long v = value & mask;
        if (!ranged) {
            return v == (spec & mask);
        }
        return Long.compareUnsigned(v, spec & mask) >= 0 && Long.compareUnsigned(v, last & mask) <= 0;
    }
}
