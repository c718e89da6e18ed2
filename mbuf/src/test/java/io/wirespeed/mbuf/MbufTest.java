package io.wirespeed.mbuf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.sys.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MbufTest {
    private Mempool pool;

    @BeforeEach
    void open() {
        Log.quiet(true);
        pool = Mempool.builder("t", 64).cacheSize(0).headroom(128).dataRoom(256).build();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    private Mbuf packet(byte[] content) {
        Mbuf m = pool.alloc();
        assertThat(m.write(content)).isTrue();
        return m;
    }

    @Test
    void prependTakesHeadroomAndRefusesBeyondIt() {
        Mbuf m = packet(bytes(10, 0));
        assertThat(m.prepend(14)).isEqualTo(128 - 14);
        assertThat(m.packetLength()).isEqualTo(24);
        assertThat(m.prepend(200)).isEqualTo(-1);
        assertThat(m.packetLength()).isEqualTo(24);
    }

    @Test
    void appendTakesTailroomAndRefusesBeyondIt() {
        Mbuf m = packet(bytes(10, 0));
        assertThat(m.append(6)).isEqualTo(128 + 10);
        assertThat(m.dataLength()).isEqualTo(16);
        assertThat(m.append(m.tailroom() + 1)).isEqualTo(-1);
        assertThat(m.dataLength()).isEqualTo(16);
    }

    @Test
    void adjAndTrimRemoveFromEitherEnd() {
        Mbuf m = packet(bytes(10, 0));
        assertThat(m.adj(4)).isEqualTo(132);
        assertThat(m.trim(3)).isTrue();
        assertThat(m.toByteArray()).containsExactly(4, 5, 6);
        assertThat(m.adj(4)).isEqualTo(-1);
        assertThat(m.trim(4)).isFalse();
    }

    @Test
    void chainJoinsPacketsAndLinearizeMakesThemOneSegment() {
        Mbuf head = packet(bytes(100, 0));
        Mbuf tail = packet(bytes(50, 100));
        assertThat(head.chain(tail)).isTrue();
        assertThat(head.segmentCount()).isEqualTo(2);
        assertThat(head.packetLength()).isEqualTo(150);
        assertThat(head.linearize()).isTrue();
        assertThat(head.segmentCount()).isEqualTo(1);
        assertThat(head.dataLength()).isEqualTo(150);
        assertThat(head.toByteArray()).isEqualTo(bytes(150, 0));
        assertThat(pool.inUseCount()).isEqualTo(1);
    }

    @Test
    void linearizeRefusesWhenTheFirstBufferIsTooSmall() {
        Mbuf head = packet(bytes(200, 0));
        Mbuf tail = packet(bytes(200, 7));
        head.chain(tail);
        assertThat(head.linearize()).isFalse();
        assertThat(head.segmentCount()).isEqualTo(2);
        assertThat(head.toByteArray()).startsWith(bytes(200, 0));
    }

    @Test
    void appendGrowsTheLastSegmentOfAChain() {
        Mbuf head = packet(bytes(10, 0));
        Mbuf tail = packet(bytes(10, 10));
        head.chain(tail);
        int at = head.append(5);
        assertThat(at).isEqualTo(128 + 10);
        assertThat(tail.dataLength()).isEqualTo(15);
        assertThat(head.packetLength()).isEqualTo(25);
    }

    @Test
    void cloneSharesTheBufferUntilTheLastReferenceIsFreed() {
        Mbuf original = packet(bytes(60, 1));
        Mbuf clone = original.cloneInto(pool);
        assertThat(clone.isIndirect()).isTrue();
        assertThat(original.refCount()).isEqualTo(2);
        assertThat(clone.toByteArray()).isEqualTo(bytes(60, 1));
        original.buffer().set(JAVA_BYTE, original.dataOffset(), (byte) 99);
        assertThat(clone.toByteArray()[0]).isEqualTo((byte) 99);

        original.free();
        assertThat(pool.inUseCount()).isEqualTo(2); // the clone still holds the buffer
        clone.free();
        assertThat(pool.inUseCount()).isZero();
        assertThat(original.refCount()).isEqualTo(1);
    }

    @Test
    void cloneOfAChainClonesEverySegment() {
        Mbuf head = packet(bytes(30, 0));
        head.chain(packet(bytes(30, 30)));
        Mbuf clone = head.cloneInto(pool);
        assertThat(clone.segmentCount()).isEqualTo(2);
        assertThat(clone.toByteArray()).isEqualTo(bytes(60, 0));
        clone.free();
        head.free();
        assertThat(pool.inUseCount()).isZero();
    }

    @Test
    void copyIsDeepAndSpansSegments() {
        Mbuf head = packet(bytes(200, 0));
        head.chain(packet(bytes(200, 200)));
        Mbuf part = head.copy(pool, 150, 200);
        assertThat(part.packetLength()).isEqualTo(200);
        assertThat(part.toByteArray()).isEqualTo(bytes(200, 150));
        head.buffer().set(JAVA_BYTE, head.dataOffset() + 150, (byte) 0);
        assertThat(part.toByteArray()[0]).isEqualTo((byte) 150);
        part.free();
        head.free();
        assertThat(pool.inUseCount()).isZero();
    }

    @Test
    void copyLargerThanOneBufferBuildsAChain() {
        Mbuf head = packet(bytes(250, 0));
        head.chain(packet(bytes(250, 250)));
        Mbuf whole = head.copy(pool, 0, 500);
        assertThat(whole.segmentCount()).isGreaterThan(1);
        assertThat(whole.toByteArray()).isEqualTo(bytes(500, 0));
    }

    @Test
    void copyOutsideThePacketIsRefused() {
        Mbuf m = packet(bytes(10, 0));
        assertThat(m.copy(pool, 5, 6)).isNull();
        assertThat(pool.inUseCount()).isEqualTo(1);
    }

    @Test
    void freeBulkReturnsSimpleAndChainedPacketsAlike() {
        Mbuf a = packet(bytes(10, 0));
        Mbuf b = packet(bytes(10, 0));
        b.chain(packet(bytes(10, 0)));
        Mbuf c = packet(bytes(10, 0));
        Mbuf d = c.cloneInto(pool);
        Mbuf.freeBulk(new Mbuf[] {a, b, c, d}, 0, 4);
        assertThat(pool.inUseCount()).isZero();
    }

    @Test
    void freshAllocationClearsClassificationMetadata() {
        Mbuf m = packet(bytes(10, 0));
        m.flowMark(7);
        m.l2Length(18);
        m.l3Length(20);
        m.l4Length(8);
        m.offloadFlags(OffloadFlags.RX_FDIR | OffloadFlags.RX_FDIR_ID);
        m.free();
        Mbuf again = pool.alloc();
        assertThat(again.flowMark()).isZero();
        assertThat(again.l2Length() + again.l3Length() + again.l4Length()).isZero();
        assertThat(again.offloadFlags()).isZero();
        again.free();
    }

    @Test
    void copyCarriesClassificationMetadata() {
        Mbuf m = packet(bytes(60, 0));
        m.flowMark(42);
        m.l2Length(14);
        m.l3Length(40);
        m.l4Length(20);
        Mbuf copy = m.copy(pool, 0, 60);
        assertThat(copy.flowMark()).isEqualTo(42);
        assertThat(copy.l2Length()).isEqualTo(14);
        assertThat(copy.l3Length()).isEqualTo(40);
        assertThat(copy.l4Length()).isEqualTo(20);
        copy.free();
        m.free();
    }
}
