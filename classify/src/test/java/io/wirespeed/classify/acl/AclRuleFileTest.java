package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classbench rule-file syntax of dpdk-test-acl: what it reads, what it rejects and how it says so. */
class AclRuleFileTest {
    private static final String GOOD = "@10.0.0.0/8\t192.168.1.0/24\t0 : 65535\t80 : 80\t6/0xff";

    @Test
    void aRuleLineGivesTheFieldsAndTheRankOfItsPlaceInTheFile() {
        AclRuleFile file = AclRuleFile.parse("# header\n\n" + GOOD + "\n@0.0.0.0/0 1.2.3.4/32 1024 : 2047 0 : 65535 0x11/0xfe\n", "t.rules");
        assertThat(file.entries()).hasSize(2);
        AclRuleFile.Entry first = file.entries().get(0);
        assertThat(first.kind()).isEqualTo(AclRuleFile.Kind.ACL);
        assertThat(first.line()).isEqualTo(3);
        assertThat(first.port()).isEqualTo(-1);
        assertThat(first.rule()).isEqualTo(AclRule.builder().src("10.0.0.0/8").dst("192.168.1.0/24").dstPort(80).proto(6)
                .priority(AclRule.MAX_PRIORITY - 1).categoryMask(AclRule.ALL_CATEGORIES).userdata(1).build());
        assertThat(file.entries().get(1).rule()).isEqualTo(AclRule.builder().dst("1.2.3.4/32").srcPorts(1024, 2047).proto(0x11, 0xfe)
                .priority(AclRule.MAX_PRIORITY - 2).categoryMask(AclRule.ALL_CATEGORIES).userdata(2).build());
    }

    @Test
    void routeLinesCarryAnOutputPortAndShareTheRankingWithAclLines() {
        AclRuleFile file = AclRuleFile.parse("R0.0.0.0/0 10.1.0.0/16 0 : 65535 0 : 65535 0/0 3\n" + GOOD, "t.rules");
        assertThat(file.entries()).extracting(AclRuleFile.Entry::kind).containsExactly(AclRuleFile.Kind.ROUTE, AclRuleFile.Kind.ACL);
        assertThat(file.entries().get(0).port()).isEqualTo(3);
        assertThat(file.rules()).extracting(AclRule::userdata).containsExactly(1, 2);
        assertThat(file.rules()).extracting(AclRule::priority).containsExactly(AclRule.MAX_PRIORITY - 1, AclRule.MAX_PRIORITY - 2);
    }

    @Test
    void numbersAreCLiteralsAndTrailingColumnsAreIgnored() {
        AclRule r = AclRuleFile.parse("@10.0.0.0/0x8 0.0.0.0/0 0x10 : 0x20 010 : 010 0x06/0377 0x0000/0x0200", "t").rules().get(0);
        assertThat(r.srcPrefixLength()).isEqualTo(8);
        assertThat(r.srcPortLow()).isEqualTo(16);
        assertThat(r.srcPortHigh()).isEqualTo(32);
        assertThat(r.dstPortLow()).isEqualTo(8);
        assertThat(r.protoMask()).isEqualTo(0xff);
    }

    @Test
    void portRangesMayBeWrittenWithoutSpacesAroundTheColon() {
        AclRule r = AclRuleFile.parse("@1.2.3.4/32 5.6.7.8/32 1:2 3:4 17/0xff", "t").rules().get(0);
        assertThat(new int[] {r.srcPortLow(), r.srcPortHigh(), r.dstPortLow(), r.dstPortHigh()}).containsExactly(1, 2, 3, 4);
    }

    @Test
    void hostBitsBelowThePrefixAreCleared() {
        AclRule r = AclRuleFile.parse("@10.1.2.3/8 192.168.1.77/24 0 : 65535 0 : 65535 7/0x06", "t").rules().get(0);
        assertThat(r.srcAddr()).isEqualTo(0x0a000000);
        assertThat(r.dstAddr()).isEqualTo(0xc0a80100);
        assertThat(r.proto()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        X10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff        | a rule starts with '@' (ACL) or 'R' (route), not 'X'
        @10.0.0.1 192.168.1.0/24 0 : 65535 80 : 80 6/0xff          | source address '10.0.0.1' is not A.B.C.D/LEN
        @10.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff          | source address '10.0.0/8' is not A.B.C.D/LEN
        @10.0.0.256/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff      | source address '10.0.0.256/8' is not A.B.C.D/LEN
        @010.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff       | source address '010.0.0.0/8' is not A.B.C.D/LEN
        @10.0.0.0/33 192.168.1.0/24 0 : 65535 80 : 80 6/0xff       | source prefix length '33' is not a number in 0..32
        @10.0.0.0/8 192.168.1.0/x 0 : 65535 80 : 80 6/0xff         | destination prefix length 'x' is not a number in 0..32
        @10.0.0.0/8 192.168.1.0/-1 0 : 65535 80 : 80 6/0xff        | destination prefix length '-1' is not a number in 0..32
        @10.0.0.0/8 192.168.1.0/24 a : 65535 80 : 80 6/0xff        | source port low 'a' is not a number in 0..65535
        @10.0.0.0/8 192.168.1.0/24 0 : 70000 80 : 80 6/0xff        | source port high '70000' is not a number in 0..65535
        @10.0.0.0/8 192.168.1.0/24 0 : 08 80 : 80 6/0xff           | source port high '08' is not a number in 0..65535
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 0x10000 6/0xff   | destination port high '0x10000' is not a number in 0..65535
        @10.0.0.0/8 192.168.1.0/24 0 - 65535 80 : 80 6/0xff        | expected ':' between the source ports, found '-'
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 - 80 6/0xff        | expected ':' between the destination ports, found '-'
        @10.0.0.0/8 192.168.1.0/24 100 : 10 80 : 80 6/0xff         | source port range 100 : 10 has low > high
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 90 : 80 6/0xff        | destination port range 90 : 80 has low > high
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6             | protocol '6' is not PROTO/MASK (e.g. 6/0xff)
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 256/0xff      | protocol '256' is not a number in 0..255
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 tcp/0xff      | protocol 'tcp' is not a number in 0..255
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0x100       | protocol mask '0x100' is not a number in 0..255
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/            | protocol mask '' is not a number in 0..255
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80               | missing protocol PROTO/MASK
        @10.0.0.0/8 192.168.1.0/24 0 : 65535 80 :                  | missing destination port high
        @10.0.0.0/8 192.168.1.0/24 0 : 65535                       | missing destination port low
        @10.0.0.0/8                                                | missing destination address A.B.C.D/LEN
        @                                                          | missing source address A.B.C.D/LEN
        R10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff        | missing route output port
        R10.0.0.0/8 192.168.1.0/24 0 : 65535 80 : 80 6/0xff eth0   | route output port 'eth0' is not a number in 0..2147483647
        """)
    void aBadLineIsRejectedWithTheSourceTheLineAndTheFieldAtFault(String bad, String reason) {
        String text = GOOD + "\n# a comment still counts as a line\n" + bad + "\n" + GOOD + "\n";
        assertThatThrownBy(() -> AclRuleFile.parse(text, "acl.rules"))
                .isInstanceOfSatisfying(AclRuleFormatException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("acl.rules line 3: " + reason);
    }

    @Test
    void aFileThatFailsNamesItsPath(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.rules");
        Files.writeString(f, GOOD + "\n" + GOOD + "\n@1.2.3.4/32\n");
        assertThatThrownBy(() -> AclRuleFile.read(f))
                .isInstanceOf(AclRuleFormatException.class)
                .hasMessageStartingWith(f + " line 3: missing destination address");
    }

    @Test
    void readingAFileGivesWhatParsingItsTextGives(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("good.rules");
        String text = GOOD + "\n#\nR1.2.3.4/32 0.0.0.0/0 0 : 65535 0 : 65535 0/0 1\n";
        Files.writeString(f, text);
        assertThat(AclRuleFile.read(f).entries()).isEqualTo(AclRuleFile.parse(text, "text").entries());
    }

    @Test
    void formattedRulesParseBackToTheSameRulesRankedByTheirPlace() {
        List<AclRule> rules = new RandomRules(21).rules(500, 1000, 16);
        StringBuilder text = new StringBuilder("# written by AclRuleFile.format\n");
        for (AclRule r : rules) {
            text.append(AclRuleFile.format(r)).append('\n');
        }
        List<AclRuleFile.Entry> back = AclRuleFile.parse(text.toString(), "round-trip").entries();
        assertThat(back).hasSize(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            AclRule ranked = rules.get(i).toBuilder()
                    .priority(AclRule.MAX_PRIORITY - (i + 1)).categoryMask(AclRule.ALL_CATEGORIES).userdata(i + 1).build();
            assertThat(back.get(i).rule()).as("rule %d: %s", i, AclRuleFile.format(rules.get(i))).isEqualTo(ranked);
            assertThat(back.get(i).line()).isEqualTo(i + 2);
            assertThat(AclRuleFile.format(back.get(i).rule())).isEqualTo(AclRuleFile.format(rules.get(i)));
        }
    }

    @Test
    void theFormatIsWhatDpdkTestAclReads() {
        AclRule r = AclRule.builder().src("10.1.0.0/16").dst("0.0.0.0/0").srcPorts(0, 65535).dstPort(443).proto(6).userdata(1).build();
        assertThat(AclRuleFile.format(r)).isEqualTo("@10.1.0.0/16\t0.0.0.0/0\t0 : 65535\t443 : 443\t0x06/0xff");
    }
}
