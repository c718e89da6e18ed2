package io.wirespeed.bench;

import org.jctools.queues.MessagePassingQueue;

/** Receives JCTools' {@code drain} into an array, as a burst would: no allocation. */
final class ArrayConsumer implements MessagePassingQueue.Consumer<Item> {
    private final Item[] dst;
    int next;

    ArrayConsumer(Item[] dst) {
        this.dst = dst;
    }

    ArrayConsumer from(int index) {
        next = index;
        return this;
    }

    @Override
    public void accept(Item e) {
        dst[next++] = e;
    }
}
