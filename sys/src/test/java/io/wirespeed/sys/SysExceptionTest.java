package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SysExceptionTest {
    @Test
    void messageNamesTheCallTheErrnoAndItsText() {
        assertThat(new SysException("mmap(4096 bytes)", Errno.ENOMEM).getMessage())
                .isEqualTo("mmap(4096 bytes): ENOMEM (Cannot allocate memory)");
    }

    @Test
    void failingCallCarriesItsErrno() {
        assertThatThrownBy(() -> Syscalls.open("/nonexistent/wirespeed", Syscalls.O_RDONLY, 0))
                .isInstanceOfSatisfying(SysException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.getMessage()).startsWith("open(\"/nonexistent/wirespeed\"): ENOENT");
                });
    }

    @Test
    void unknownErrnoStillHasAName() {
        assertThat(Errno.name(4321)).isEqualTo("errno 4321");
    }
}
