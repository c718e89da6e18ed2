package io.wirespeed.memory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemoryZoneTest {
    @Test
    void anonymousZoneIsPageAlignedAndRoundedUp() {
        try (MemoryZone zone = MemoryZone.anonymous("a", 5000)) {
            assertThat(zone.size()).isEqualTo(8192);
            assertThat(zone.segment().address() % 4096).isZero();
            assertThat(zone.path()).isNull();
        }
    }

    @Test
    void hugePagesFallBackToSmallPagesWithOneLogLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.to(new PrintStream(captured, true));
        try (MemoryZone zone = MemoryZone.preferHuge("h", 3 << 20)) {
            assertThat(zone.size()).isEqualTo(4L << 20);
            zone.segment().set(JAVA_LONG, zone.size() - 8, 9L);
            if (zone.pageSize() == PageSize.SMALL) {
                assertThat(captured.toString()).contains("zone h: no 2 free 2 MiB hugepages").hasLineCount(1);
            } else {
                assertThat(captured.toString()).isEmpty();
            }
        } finally {
            Log.to(System.err);
        }
    }

    @Test
    void secondMappingOfAFileZoneSeesTheSameBytes() throws Exception {
        Path file = Path.of("/dev/shm", "wirespeed-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try (MemoryZone owner = MemoryZone.createFile(file, 4096); MemoryZone guest = MemoryZone.attach(file)) {
            owner.segment().set(JAVA_LONG, 128, 0xfeedL);
            assertThat(guest.segment().get(JAVA_LONG, 128)).isEqualTo(0xfeedL);
            guest.segment().set(JAVA_LONG, 256, 0xbeefL);
            assertThat(owner.segment().get(JAVA_LONG, 256)).isEqualTo(0xbeefL);
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void memfdZoneCanBeAttachedThroughItsProcPath() {
        try (MemoryZone owner = MemoryZone.memfd("m", 4096); MemoryZone guest = MemoryZone.attach(owner.path())) {
            owner.segment().set(JAVA_LONG, 0, 7L);
            assertThat(guest.segment().get(JAVA_LONG, 0)).isEqualTo(7L);
            assertThat(owner.isShared()).isTrue();
        }
    }

    @Test
    void allocateHonoursAlignmentAndRefusesWhenFull() {
        try (MemoryZone zone = MemoryZone.anonymous("b", 4096)) {
            MemorySegment a = zone.allocate(10, 8);
            MemorySegment b = zone.allocate(100, 64);
            assertThat(b.address() % 64).isZero();
            assertThat(b.address()).isGreaterThanOrEqualTo(a.address() + 10);
            assertThatThrownBy(() -> zone.allocate(4096, 64))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("memory zone b is full");
        }
    }

    @Test
    void nonPositiveSizeIsRejected() {
        assertThatThrownBy(() -> MemoryZone.anonymous("z", 0))
                .hasMessage("memory zone z: size 0 must be positive");
    }
}
