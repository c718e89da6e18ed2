package io.wirespeed.classify.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A rule's fields are checked when it is made: a user's bad rule fails with a message naming the field. */
class AclRuleTest {
    private static AclRule.Builder valid() {
        return AclRule.builder().userdata(1);
    }

    @Test
    void aBuilderStartsFromWildcardsWithTheLowestPriorityAndCategoryZero() {
        AclRule r = valid().build();
        assertThat(r).isEqualTo(new AclRule(0, 0, 0, 0, 0, 0, 0, 0xffff, 0, 0xffff, AclRule.MIN_PRIORITY, 1, 1));
    }

    @Test
    void outOfRangeFieldsAreRejectedByName() {
        assertThatThrownBy(() -> valid().proto(256, 0xff).build()).hasMessageContaining("protocol 256 is not 0..255");
        assertThatThrownBy(() -> valid().proto(6, 0x1ff).build()).hasMessageContaining("protocol mask 511 is not 0..255");
        assertThatThrownBy(() -> valid().src(0, 33).build()).hasMessageContaining("source prefix length 33");
        assertThatThrownBy(() -> valid().dst(0, -1).build()).hasMessageContaining("destination prefix length -1");
        assertThatThrownBy(() -> valid().srcPorts(0, 65536).build()).hasMessageContaining("source port range 0..65536 is not within 0..65535");
        assertThatThrownBy(() -> valid().dstPorts(9, 8).build()).hasMessageContaining("destination port range 9..8 has low > high");
    }

    @Test
    void priorityCategoriesAndUserdataAreRejectedOutsideWhatRteAclAccepts() {
        assertThatThrownBy(() -> valid().priority(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority 0 is not 1..536870911");
        assertThatThrownBy(() -> valid().priority(AclRule.MAX_PRIORITY + 1).build()).hasMessageContaining("priority 536870912");
        assertThatThrownBy(() -> valid().categoryMask(0).build()).hasMessageContaining("category mask 0x0");
        assertThatThrownBy(() -> valid().categoryMask(1 << 16).build()).hasMessageContaining("category mask 0x10000");
        assertThatThrownBy(() -> AclRule.builder().build()).hasMessageContaining("userdata must be non-zero");
        assertThat(valid().priority(AclRule.MAX_PRIORITY).categoryMask(AclRule.ALL_CATEGORIES).build().priority())
                .isEqualTo(AclRule.MAX_PRIORITY);
    }

    @Test
    void badCidrTextIsRejected() {
        assertThatThrownBy(() -> valid().src("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33' is not an IPv4 prefix");
        assertThatThrownBy(() -> valid().dst("10.0.0")).hasMessageContaining("'10.0.0' is not an IPv4 prefix");
        assertThat(valid().src("10.1.2.3").build().srcPrefixLength()).isEqualTo(32);
    }

    @Test
    void aContextBuildsOnceAndTakesNoRulesAfterwards() {
        AclContext ctx = new AclContext().add(valid().build());
        ctx.build();
        assertThatThrownBy(() -> ctx.add(valid().build())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ctx::build).isInstanceOf(IllegalStateException.class);
    }
}
