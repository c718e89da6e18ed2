package io.wirespeed.ethdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DevargsTest {
    @Test
    void nameAndKeysAreSplitOut() {
        Devargs d = Devargs.parse("net_null0,size=128,copy=1");
        assertThat(d.name()).isEqualTo("net_null0");
        assertThat(d.intValue("size", 64, 1, 9000)).isEqualTo(128);
        assertThat(d.flag("copy", false)).isTrue();
        assertThat(d.intValue("absent", 7, 0, 10)).isEqualTo(7);
    }

    @Test
    void unknownKeyIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> Devargs.parse("net_null0,sz=1").requireOnly(Set.of("size", "copy")))
                .hasMessage("net_null0: unknown key 'sz' (valid keys: copy, size)");
    }

    @Test
    void valueThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> Devargs.parse("net_null0,size=big").intValue("size", 64, 1, 9000))
                .hasMessage("net_null0: size=big is not a number");
    }

    @Test
    void valueOutOfRangeIsNamed() {
        assertThatThrownBy(() -> Devargs.parse("net_null0,size=0").intValue("size", 64, 14, 9000))
                .hasMessage("net_null0: size=0 is out of range 14..9000");
    }

    @Test
    void pairWithoutEqualsIsRejected() {
        assertThatThrownBy(() -> Devargs.parse("net_null0,size"))
                .hasMessage("net_null0: 'size' is not key=value");
    }

    @Test
    void repeatedKeyIsRejected() {
        assertThatThrownBy(() -> Devargs.parse("net_null0,size=1,size=2"))
                .hasMessage("net_null0: key 'size' given twice");
    }

    @Test
    void emptyTextIsRejected() {
        assertThatThrownBy(() -> Devargs.parse(" "))
                .hasMessageStartingWith("empty device arguments");
    }
}
