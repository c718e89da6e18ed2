package io.wirespeed.ethdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacAddressTest {
    @Test
    void parsesAndPrintsColonForm() {
        MacAddress m = MacAddress.parse("02:00:0A:00:00:ff");
        assertThat(m.bits()).isEqualTo(0x02000a0000ffL);
        assertThat(m).hasToString("02:00:0a:00:00:ff");
    }

    @Test
    void knowsMulticastAndBroadcast() {
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.local(1).isMulticast()).isFalse();
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00"))
                .hasMessageContaining("is not a MAC address");
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00:zz"))
                .hasMessageContaining("is not a MAC address");
    }
}
