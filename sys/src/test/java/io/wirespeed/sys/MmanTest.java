package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class MmanTest {
    @Test
    void anonymousMappingIsZeroedAndWritable() {
        MemorySegment m = Mman.mmap(1 << 16, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        try {
            assertThat(m.byteSize()).isEqualTo(1 << 16);
            assertThat(m.get(JAVA_LONG, 4096)).isZero();
            m.set(JAVA_LONG, 4096, 42L);
            assertThat(m.get(JAVA_LONG, 4096)).isEqualTo(42L);
        } finally {
            Mman.munmap(m);
        }
    }

    @Test
    void twoSharedMappingsOfOneMemfdSeeTheSameBytes() {
        int fd = Mman.memfdCreate("wirespeed-test", Mman.MFD_CLOEXEC);
        try {
            Syscalls.ftruncate(fd, 8192);
            MemorySegment a = Mman.mmap(8192, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
            MemorySegment b = Mman.mmap(8192, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0);
            a.set(JAVA_LONG, 8, 0x1234_5678_9abcL);
            assertThat(b.address()).isNotEqualTo(a.address());
            assertThat(b.get(JAVA_LONG, 8)).isEqualTo(0x1234_5678_9abcL);
            Mman.munmap(a);
            Mman.munmap(b);
        } finally {
            Syscalls.close(fd);
        }
    }

    @Test
    void impossibleMappingFailsWithMmapsErrno() {
        assertThatThrownBy(() -> Mman.mmap(1L << 62, Mman.PROT_READ, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0))
                .isInstanceOf(SysException.class)
                .hasMessageStartingWith("mmap(");
    }
}
