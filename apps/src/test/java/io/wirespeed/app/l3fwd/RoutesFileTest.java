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
    void aBadLpmLineFailsNamingTheFileAndTheLine() throws IOException {
        Path f = file("10.0.0.0/8 0\n10.1.0.0/33 1\n");
        assertThatThrownBy(() -> RoutesFile.load(LookupMode.LPM, f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ":2: ")
                .hasMessageContaining("prefix length");
    }

    @Test
    void exactMatchTakesHostRoutesAndFiveTupleRoutes() throws IOException {
        try (RouteTable t = RoutesFile.load(LookupMode.EM, file("10.1.2.3/32 0\n10.1.2.4 1\n192.0.2.1 10.1.2.3 1000 53 17 1\n"))) {
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
        Path f = file("192.0.2.1 10.1.2.3 1000 70000 17 1\n");
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
