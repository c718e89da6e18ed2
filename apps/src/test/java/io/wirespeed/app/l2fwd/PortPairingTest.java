package io.wirespeed.app.l2fwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortPairingTest {
    @Test
    void theMaskIsHexadecimalWithOrWithout0x() {
        assertThat(PortPairing.parseMask("0x3")).isEqualTo(3);
        assertThat(PortPairing.parseMask("f")).isEqualTo(15);
        assertThat(PortPairing.parseMask("0XA")).isEqualTo(10);
    }

    @Test
    void aMaskThatIsNotHexadecimalOrIsZeroIsOneLine() {
        assertThatThrownBy(() -> PortPairing.parseMask("ports"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-p ports: not a port mask (a non-zero hexadecimal bit mask of the ports to forward, e.g. -p 0x3 for ports 0 and 1)");
        assertThatThrownBy(() -> PortPairing.parseMask("0x0")).hasMessageStartingWith("-p 0x0: not a port mask");
    }

    @Test
    void enabledPortsPairInOrder() {
        PortPairing p = PortPairing.of(0b11011, null, 5);
        assertThat(p.enabledPorts()).containsExactly(0, 1, 3, 4);
        assertThat(p.destination(0)).isEqualTo(1);
        assertThat(p.destination(1)).isEqualTo(0);
        assertThat(p.destination(3)).isEqualTo(4);
        assertThat(p.destination(4)).isEqualTo(3);
        assertThat(p.isEnabled(2)).isFalse();
    }

    @Test
    void anOddNumberOfPortsWithoutAPortmapIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0x7, null, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-p 0x7 enables 3 ports: l2fwd forwards between pairs of ports, so enable an even number (or pair them with --portmap)");
    }

    @Test
    void aMaskNamingAPortThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0x5, null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-p 0x5 names port 2, which does not exist (2 ports from --vdev: the mask can be at most 0x3)");
    }

    @Test
    void thePortmapPairsAsItSays() {
        PortPairing p = PortPairing.of(0xf, "(0,3), (1,2)", 4);
        assertThat(p.destination(0)).isEqualTo(3);
        assertThat(p.destination(3)).isEqualTo(0);
        assertThat(p.destination(1)).isEqualTo(2);
        assertThat(p.destination(2)).isEqualTo(1);
    }

    @Test
    void pairsMayFollowEachOtherWithoutAComma() {
        assertThat(PortPairing.of(0xf, "(0,1)(2,3)", 4).destination(2)).isEqualTo(3);
    }

    @Test
    void aPortmapPortOutsideTheMaskIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0x3, "(0,2)", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--portmap (0,2): port 2 is not in the port mask 0x3");
    }

    @Test
    void aMaskPortInNoPairIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0xf, "(0,1)", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--portmap (0,1): port 2 is in the port mask 0xf but in no pair");
    }

    @Test
    void aPortInTwoPairsIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0x7, "(0,1),(1,2)", 3))
                .hasMessage("--portmap (0,1),(1,2): port 1 is in more than one pair");
    }

    @Test
    void aPortPairedWithItselfIsRefused() {
        assertThatThrownBy(() -> PortPairing.of(0x1, "(0,0)", 1)).hasMessage("--portmap (0,0): port 0 is paired with itself");
    }

    @Test
    void aMalformedPortmapShowsTheExpectedForm() {
        assertThatThrownBy(() -> PortPairing.of(0x3, "0-1", 2))
                .hasMessage("--portmap 0-1: expected pairs of port numbers, e.g. --portmap \"(0,1),(2,3)\"");
        assertThatThrownBy(() -> PortPairing.of(0x3, "(0,1", 2)).hasMessageStartingWith("--portmap (0,1: expected pairs");
    }
}
