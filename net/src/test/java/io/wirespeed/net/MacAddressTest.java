package io.wirespeed.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @Test
    void formatsLowerCaseWithColons() {
        assertThat(MacAddress.format(0x00_1b_21_ab_cd_efL)).isEqualTo("00:1b:21:ab:cd:ef");
    }

    @Test
    void parsesEitherCaseAndDashes() {
        assertThat(MacAddress.parse("AA:bb:CC:dd:EE:ff")).isEqualTo(0xaabb_ccdd_eeffL);
        assertThat(MacAddress.parse("01-00-5e-00-00-01")).isEqualTo(0x0100_5e00_0001L);
    }

    @Test
    void formatAndParseRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long mac = random.nextLong() & 0xffff_ffff_ffffL;
            assertThat(MacAddress.parse(MacAddress.format(mac))).isEqualTo(mac);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:fg", "aa:bb-cc:dd:ee:ff", "aabbccddeeff12345", "aa.bb.cc.dd.ee.ff"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MAC address");
    }

    @Test
    void tellsGroupFromIndividualAddresses() {
        assertThat(MacAddress.isBroadcast(MacAddress.BROADCAST)).isTrue();
        assertThat(MacAddress.isMulticast(MacAddress.BROADCAST)).isTrue();
        assertThat(MacAddress.isMulticast(MacAddress.parse("01:00:5e:00:00:fb"))).isTrue();
        assertThat(MacAddress.isMulticast(MacAddress.parse("33:33:00:00:00:01"))).isTrue();
        assertThat(MacAddress.isUnicast(MacAddress.parse("02:00:00:00:00:01"))).isTrue();
        assertThat(MacAddress.isBroadcast(MacAddress.parse("ff:ff:ff:ff:ff:fe"))).isFalse();
        assertThat(MacAddress.isLocallyAdministered(MacAddress.parse("02:00:00:00:00:01"))).isTrue();
        assertThat(MacAddress.isLocallyAdministered(MacAddress.parse("00:1b:21:00:00:01"))).isFalse();
    }
}
