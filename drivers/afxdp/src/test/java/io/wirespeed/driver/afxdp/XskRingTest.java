package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rings against a stand-in for the kernel's side, in plain memory laid out as the kernel
 * lays it out (producer, consumer and flags words, then the entries).
 */
class XskRingTest {
    private static final long PRODUCER = 0;
    private static final long CONSUMER = 64;
    private static final long FLAGS = 128;
    private static final long DESC = 192;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory = arena.allocate(DESC + 16 * 8, 64);

    @AfterEach
    void tearDown() {
        arena.close();
    }

    private void kernelIndices(int producer, int consumer) {
        memory.set(JAVA_INT, PRODUCER, producer);
        memory.set(JAVA_INT, CONSUMER, consumer);
    }

    @Test
    void aProducerSeesTheRoomTheKernelGaveBack() {
        ProducerRing fill = new ProducerRing(memory, PRODUCER, CONSUMER, FLAGS, DESC, 8, 8);
        assertThat(fill.reserve(16)).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            fill.setAddress(fill.producerIndex() + i, 1000 + i);
        }
        fill.submit(8);
        assertThat(memory.get(JAVA_INT, PRODUCER)).isEqualTo(8);
        assertThat(fill.reserve(1)).isZero();
        memory.set(JAVA_INT, CONSUMER, 3);             // the kernel took three
        assertThat(fill.reserve(8)).isEqualTo(3);
        assertThat(memory.get(JAVA_LONG, DESC)).isEqualTo(1000);
    }

    @Test
    void indicesWrapAroundTwoToTheThirtyTwo() {
        kernelIndices(-3, -3);                         // 0xfffffffd: three steps before the wrap
        ProducerRing tx = new ProducerRing(memory, PRODUCER, CONSUMER, FLAGS, DESC, 8, 16);
        assertThat(tx.reserve(8)).isEqualTo(8);
        for (int i = 0; i < 6; i++) {
            tx.setDescriptor(tx.producerIndex() + i, 10 + i, 60 + i);
        }
        tx.submit(6);
        assertThat(memory.get(JAVA_INT, PRODUCER)).isEqualTo(3);
        assertThat(tx.outstanding()).isEqualTo(6);
        // entry of index 0xfffffffd is slot 5; index 2 (after the wrap) is slot 2
        assertThat(memory.get(JAVA_LONG, DESC + 5 * 16)).isEqualTo(10);
        assertThat(memory.get(JAVA_LONG, DESC + 2 * 16)).isEqualTo(15);
        assertThat(memory.get(JAVA_INT, DESC + 2 * 16 + 8)).isEqualTo(65);

        ConsumerRing rx = new ConsumerRing(memory, PRODUCER, CONSUMER, FLAGS, DESC, 8, 16);
        assertThat(rx.peek(32)).isEqualTo(6);
        assertThat(rx.descriptorAddress(rx.consumerIndex())).isEqualTo(10);
        assertThat(rx.descriptorLength(rx.consumerIndex() + 5)).isEqualTo(65);
        rx.release(6);
        assertThat(memory.get(JAVA_INT, CONSUMER)).isEqualTo(3);
        assertThat(rx.peek(32)).isZero();
    }

    @Test
    void aConsumerSeesOnlyWhatTheKernelPublished() {
        ConsumerRing completion = new ConsumerRing(memory, PRODUCER, CONSUMER, FLAGS, DESC, 16, 8);
        assertThat(completion.peek(4)).isZero();
        memory.set(JAVA_LONG, DESC, 77);
        memory.set(JAVA_INT, PRODUCER, 1);
        assertThat(completion.peek(4)).isEqualTo(1);
        assertThat(completion.address(completion.consumerIndex())).isEqualTo(77);
    }

    @Test
    void theWakeupFlagIsTheKernelsToSet() {
        ProducerRing tx = new ProducerRing(memory, PRODUCER, CONSUMER, FLAGS, DESC, 8, 16);
        assertThat(tx.needsWakeup()).isFalse();
        memory.set(JAVA_INT, FLAGS, Xdp.XDP_RING_NEED_WAKEUP);
        assertThat(tx.needsWakeup()).isTrue();
        assertThat(tx.needsWakeupPolled()).isTrue();
    }
}
