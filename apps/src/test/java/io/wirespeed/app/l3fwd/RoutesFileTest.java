package io.wirespeed.app.l3fwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes file: what each lookup mode accepts, and a bad line failing with its file and line number. */
class RoutesFileTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("routes.txt");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void lpmReadsPrefixRoutesSkippingCommentsAndBlankLines() throws IOException {
        try (RouteTable t = RoutesFile.load(LookupMode.LPM, file("# routes\n\n10.0.0.0/8 0\n10.1.0.0/16 1 # more specific\n"))) {
            assertThat(t.size()).isEqualTo(2);
        }
    }

    @Test
    void dpdkRouteMarksAreAccepted() throws IOException {
        // DPDK l3fwd's lpm_default_v4.cfg and em_default_v4.cfg, as they start
        try (RouteTable lpm = RoutesFile.load(LookupMode.LPM, file("# Copy of hard-coded IPv4 FWD table\nR198.18.0.0/24 0\nR198.18.1.0/24 1\n"));
             RouteTable em = RoutesFile.load(LookupMode.EM, file("R198.18.0.0 198.18.0.1 9 9 0x11 0\nR198.18.1.0 198.18.1.1 9 9 0x11 1\n"))) {
            assertThat(lpm.size()).isEqualTo(2);
            assertThat(em.size()).isEqualTo(2);
        }
    }

    @Test
    void lpmReadsIpv4AndIpv6RoutesFromOneFile() throws IOException {
        // DPDK l3fwd's lpm_default_v6.cfg writes its routes in full with the R mark
        try (RouteTable t = RoutesFile.load(LookupMode.LPM,
                file("10.0.0.0/8 0\nR2001:0200:0000:0000:0000:0000:0000:0000/48 0\n2001:db8::/32 1\n"))) {
            assertThat(t.size()).isEqualTo(3);
            assertThat(t.describe()).contains("1 IPv4 routes").contains("2 IPv6 routes");
        }
    }

    @Test
    void exactMatchAndAclRefuseIpv6RoutesNamingTheLine() throws IOException {
        Path f = file("10.1.2.3/32 0\n2001:db8::1/128 1\n");
        for (LookupMode mode : new LookupMode[] {LookupMode.EM, LookupMode.ACL}) {
            assertThatThrownBy(() -> RoutesFile.load(mode, f))
                    .hasMessage(f + ":2: '2001:db8::1/128' is IPv6; IPv6 routes need --lookup lpm (em and acl route IPv4 only)");
        }
    }

    @Test
    void aBadLpmLineFailsNamingTheFileAndTheLine() throws IOException {
        Path f = file("10.0.0.0/8 0\n10.1.0.0/33 1\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.LPM, f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ":2: ")
                .hasMessageContaining("prefix length");
    }

    @Test
    void exactMatchTakesHostRoutesAndFiveTupleRoutes() throws IOException {
        try (RouteTable t = RoutesFile.load(LookupMode.EM, file("10.1.2.3/32 0\n10.1.2.4 1\n10.1.2.3 192.0.2.1 53 1000 17 1\n"))) {
            assertThat(t.size()).isEqualTo(3);
        }
    }

    @Test
    void exactMatchRejectsAShorterPrefixWithItsLine() throws IOException {
        Path f = file("10.1.2.3/32 0\n\n10.1.0.0/16 1\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.EM, f))
                .hasMessageStartingWith(f + ":3: ")
                .hasMessageContaining("host routes (/32)");
    }

    @Test
    void exactMatchRejectsAFiveTupleWithABadPort() throws IOException {
        Path f = file("10.1.2.3 192.0.2.1 70000 1000 17 1\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.EM, f))
                .hasMessageStartingWith(f + ":1: ")
                .hasMessageContaining("destination port '70000'");
    }

    @Test
    void exactMatchRejectsALineOfAnotherShape() throws IOException {
        Path f = file("10.1.2.3 0 7\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.EM, f)).hasMessageStartingWith(f + ":1: expected");
    }

    @Test
    void aclReadsPrefixRoutes() throws IOException {
        try (RouteTable t = RoutesFile.load(LookupMode.ACL, file("10.0.0.0/8 0\n10.1.0.0/16 1\n"))) {
            assertThat(t.size()).isEqualTo(2);
            assertThat(t.describe()).contains("2 routes and 0 deny rules");
        }
    }

    @Test
    void aclReadsDpdkRuleFilesWithDenyAndRouteRules() throws IOException {
        String rules = "# l3fwd-acl\n@0.0.0.0/0 10.1.2.3/32 0 : 65535 53 : 53 17/0xff\nR0.0.0.0/0 10.0.0.0/8 0 : 65535 0 : 65535 0/0 1\n";
        try (RouteTable t = RoutesFile.load(LookupMode.ACL, file(rules))) {
            assertThat(t.describe()).contains("1 routes and 1 deny rules");
        }
    }

    @Test
    void aBadDpdkAclLineFailsNamingTheFileAndTheLine() throws IOException {
        Path f = file("R0.0.0.0/0 10.0.0.0/8 0 : 65535 0 : 65535 0/0 1\n@0.0.0.0/0 10.1.2.3/40 0 : 65535 53 : 53 17/0xff\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.ACL, f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 2: ")
                .hasMessageContaining("prefix length '40'");
    }

    @Test
    void aMissingFileFailsWithOneLine() {
        Path f = dir.resolve("absent.txt");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.LPM, f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read routes file " + f);
    }
}
