package io.wirespeed.bench;

import org.jctools.queues.MessagePassingQueue;

/** Feeds JCTools' {@code fill} from an array, as a burst would: no allocation. */
final class ArraySupplier implements MessagePassingQueue.Supplier<Item> {
    private final Item[] src;
    int next;

    ArraySupplier(Item[] src) {
        this.src = src;
    }

    ArraySupplier from(int index) {
        next = index;
        return this;
    }

    @Override
    public Item get() {
        return src[next++];
    }
}
