package io.wirespeed.lcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.sys.Affinity;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreListTest {
    private static final BitSet CPUS_0_1 = cpus(0, 1);
    private static final BitSet CPUS_0_7 = range(0, 7);
    private static final BitSet CPUS_0_8 = range(0, 8);

    @Test
    void singleCoreIsTheMainLcoreOnItsOwnCpu() {
        CoreList list = CoreList.parseCores("1", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(new LcoreAssignment(1, cpus(1)));
        assertThat(list.mainLcore()).isEqualTo(1);
        assertThat(list.workerLcores()).isEmpty();
    }

    @Test
    void coreListMapsEachCoreOfRangesAndSinglesToTheSameCpu() {
        CoreList list = CoreList.parseCores("0-3,5", CPUS_0_7);

        assertThat(list.lcores()).extracting(LcoreAssignment::lcoreId).containsExactly(0, 1, 2, 3, 5);
        assertThat(list.lcores()).allSatisfy(l -> assertThat(l.cpus()).isEqualTo(cpus(l.lcoreId())));
    }

    @Test
    void coreListKeepsTheListedOrderAndTheFirstIsMain() {
        CoreList list = CoreList.parseCores("3,1-2", CPUS_0_7);

        assertThat(list.mainLcore()).isEqualTo(3);
        assertThat(list.workerLcores()).containsExactly(1, 2);
    }

    @Test
    void coreListAllowsSpacesBetweenItems() {
        assertThat(CoreList.parseCores(" 0 - 1 , 3 ", CPUS_0_7)).isEqualTo(CoreList.parseCores("0-1,3", CPUS_0_7));
    }

    @Test
    void coreListIsCheckedAgainstThisProcessByDefault() {
        int cpu = Affinity.process().nextSetBit(0);

        assertThat(CoreList.parseCores(Integer.toString(cpu)).cpusOf(cpu)).isEqualTo(cpus(cpu));
    }

    @Test
    void lcoresRangeWithoutAtRunsEachLcoreOnTheCpuOfTheSameNumber() {
        CoreList list = CoreList.parseLcores("0-1", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(new LcoreAssignment(0, cpus(0)), new LcoreAssignment(1, cpus(1)));
    }

    @Test
    void lcoresAtRunsAnLcoreOnACpuOfAnotherNumber() {
        CoreList list = CoreList.parseLcores("4@1,7@0", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(new LcoreAssignment(4, cpus(1)), new LcoreAssignment(7, cpus(0)));
    }

    @Test
    void lcoresSingleLcoreOnACpuGroupMayRunOnAnyOfThem() {
        CoreList list = CoreList.parseLcores("1@(0-1)", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(new LcoreAssignment(1, cpus(0, 1)));
    }

    @Test
    void lcoresGroupAtGroupGivesEveryLcoreTheWholeCpuSet() {
        CoreList list = CoreList.parseLcores("(0-2)@(0,1)", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(
                new LcoreAssignment(0, cpus(0, 1)), new LcoreAssignment(1, cpus(0, 1)), new LcoreAssignment(2, cpus(0, 1)));
    }

    @Test
    void lcoresGroupWithoutAtUsesTheGroupAsEveryMembersCpuSet() {
        CoreList list = CoreList.parseLcores("(0,1)", CPUS_0_1);

        assertThat(list.lcores()).containsExactly(new LcoreAssignment(0, cpus(0, 1)), new LcoreAssignment(1, cpus(0, 1)));
    }

    @Test
    void lcoresRangeOfCpusAfterAtNeedsNoParentheses() {
        assertThat(CoreList.parseLcores("1@0-1", CPUS_0_1).cpusOf(1)).isEqualTo(cpus(0, 1));
    }

    @Test
    void lcoresReadsDpdksDocumentedExample() {
        CoreList list = CoreList.parseLcores("1,2@(5-7),(3-5)@(0,2),(0,6),7-8", CPUS_0_8);

        assertThat(list.lcores()).containsExactly(
                new LcoreAssignment(1, cpus(1)),
                new LcoreAssignment(2, cpus(5, 6, 7)),
                new LcoreAssignment(3, cpus(0, 2)),
                new LcoreAssignment(4, cpus(0, 2)),
                new LcoreAssignment(5, cpus(0, 2)),
                new LcoreAssignment(0, cpus(0, 6)),
                new LcoreAssignment(6, cpus(0, 6)),
                new LcoreAssignment(7, cpus(7)),
                new LcoreAssignment(8, cpus(8)));
        assertThat(list.mainLcore()).isEqualTo(1);
    }

    @Test
    void toStringIsLcoresSyntaxThatParsesBackToTheSameList() {
        CoreList list = CoreList.parseLcores("1,(2-3)@(0-1),4@0", CPUS_0_1);

        assertThat(list).hasToString("1@1,2@(0-1),3@(0-1),4@0");
        assertThat(CoreList.parseLcores(list.toString(), CPUS_0_1)).isEqualTo(list);
    }

    @ParameterizedTest(name = "-l {0}")
    @CsvSource(delimiter = '|', value = {
        "0-7      | -l 0-7: CPUs 2-7 do not exist here (available: 0-1)",
        "0,7      | -l 0,7: CPU 7 does not exist here (available: 0-1)",
        "0-1,3,5-6| -l 0-1,3,5-6: CPUs 3,5-6 do not exist here (available: 0-1)",
        "0-5000   | -l 0-5000: CPU 5000 does not exist here (available: 0-1)",
        "0-x      | -l 0-x: not a core list (expected e.g. 0-3,5)",
        "0,       | -l 0,: not a core list (expected e.g. 0-3,5)",
        "-1       | -l -1: not a core list (expected e.g. 0-3,5)",
        "0;1      | -l 0;1: not a core list (expected e.g. 0-3,5)",
        "1@0      | -l 1@0: not a core list (expected e.g. 0-3,5; to run lcores on other CPUs use --lcores)",
        "1-0      | -l 1-0: range 1-0 is reversed (write 0-1)",
        "0,1,0    | -l 0,1,0: core 0 is listed twice",
        "0-1,1    | -l 0-1,1: core 1 is listed twice",
    })
    void coreListErrorIsOneLineNamingTheOption(String text, String message) {
        assertThatThrownBy(() -> CoreList.parseCores(text, CPUS_0_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "--lcores {0}")
    @CsvSource(delimiter = '|', value = {
        "0@7         | --lcores 0@7: CPU 7 does not exist here (available: 0-1)",
        "(0-3)       | --lcores (0-3): CPUs 2-3 do not exist here (available: 0-1)",
        "0@x         | --lcores 0@x: not an lcore list (expected e.g. 0-3,5 or 1@2 or (0-2)@(0,1))",
        "(0-1@0      | --lcores (0-1@0: not an lcore list (expected e.g. 0-3,5 or 1@2 or (0-2)@(0,1))",
        "()@0        | --lcores ()@0: not an lcore list (expected e.g. 0-3,5 or 1@2 or (0-2)@(0,1))",
        "0@@1        | --lcores 0@@1: not an lcore list (expected e.g. 0-3,5 or 1@2 or (0-2)@(0,1))",
        "(2-1)@0     | --lcores (2-1)@0: range 2-1 is reversed (write 1-2)",
        "1@0,1@1     | --lcores 1@0,1@1: lcore 1 is listed twice",
        "(0-2)@0,2@1 | --lcores (0-2)@0,2@1: lcore 2 is listed twice",
        "2000@0      | --lcores 2000@0: lcore id 2000 is too large (at most 1023)",
    })
    void lcoresErrorIsOneLineNamingTheOption(String text, String message) {
        assertThatThrownBy(() -> CoreList.parseLcores(text, CPUS_0_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void emptyCoreListSaysNothingWasGiven() {
        assertThatThrownBy(() -> CoreList.parseCores("  ", CPUS_0_1))
                .hasMessage("-l: no cores given (expected e.g. 0-3,5)");
        assertThatThrownBy(() -> CoreList.parseLcores("", CPUS_0_1))
                .hasMessage("--lcores: no lcores given (expected e.g. 0-3,5 or 1@2 or (0-2)@(0,1))");
    }

    @Test
    void textWithInnerSpacesIsQuotedInTheMessage() {
        assertThatThrownBy(() -> CoreList.parseCores("0, 9", CPUS_0_1))
                .hasMessage("-l '0, 9': CPU 9 does not exist here (available: 0-1)");
    }

    @Test
    void programmaticListRefusesADuplicateLcore() {
        assertThatThrownBy(() -> CoreList.of(List.of(LcoreAssignment.onOwnCpu(0), LcoreAssignment.onOwnCpu(0))))
                .hasMessage("lcore 0 is listed twice");
    }

    private static BitSet cpus(int... ids) {
        BitSet set = new BitSet();
        for (int id : ids) {
            set.set(id);
        }
        return set;
    }

    private static BitSet range(int first, int last) {
        BitSet set = new BitSet();
        set.set(first, last + 1);
        return set;
    }
}
