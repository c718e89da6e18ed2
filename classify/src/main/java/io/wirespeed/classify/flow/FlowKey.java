package io.wirespeed.classify.flow;

/**
 * The fields of one packet that flow rules look at: which layers it carries and the value of each
 * field of those layers. Filled per packet by an extractor and reused (one per lcore); fields of
 * layers the packet lacks are meaningless.
 */
public final class FlowKey {
    private final long[] values = new long[FlowField.COUNT];
    private int layers;

    /** Forgets the previous packet. */
    public void clear() {
        layers = 0;
    }

    /** The bits ({@link FlowItemType#bit()}) of the layers this packet carries. */
    public int layers() {
        return layers;
    }

    public boolean has(FlowItemType type) {
        return (layers & type.bit()) != 0;
    }

    public void addLayer(FlowItemType type) {
        layers |= type.bit();
    }

    public long get(FlowField field) {
        return values[field.ordinal()];
    }

    long get(int fieldOrdinal) {
        return values[fieldOrdinal];
    }

    public FlowKey set(FlowField field, long value) {
        values[field.ordinal()] = value & field.fullMask();
        return this;
    }
}
