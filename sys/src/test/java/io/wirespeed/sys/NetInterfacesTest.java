package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetInterfacesTest {
    @Test
    void loopbackHasAnIndex() {
        assertThat(NetInterfaces.index("lo")).isPositive();
        assertThat(NetInterfaces.names()).contains("lo");
    }

    @Test
    void missingInterfaceIsNamedWithTheOnesThatExist() {
        assertThatThrownBy(() -> NetInterfaces.index("nosuch0"))
                .hasMessageStartingWith("interface 'nosuch0' does not exist (interfaces here: ")
                .hasMessageContaining("lo");
    }
}
