package io.wirespeed.app.l3fwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** l3fwd's --config list: (port,queue,lcore) entries. */
class RxQueueConfigTest {
    @Test
    void parsesEntriesWithOrWithoutSpaces() {
        assertThat(RxQueueConfig.parseList("(0,0,1),(1,0,1), ( 1 , 1 , 2 )"))
                .containsExactly(new RxQueueConfig(0, 0, 1), new RxQueueConfig(1, 0, 1), new RxQueueConfig(1, 1, 2));
    }

    @Test
    void rejectsAMalformedEntryShowingWhereItIs() {
        assertThatThrownBy(() -> RxQueueConfig.parseList("(0,0,1),(1,0)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at '(1,0)'");
    }

    @Test
    void rejectsTheSameQueueTwice() {
        assertThatThrownBy(() -> RxQueueConfig.parseList("(0,0,1),(0,0,2)"))
                .hasMessageContaining("port 0 queue 0 is given twice");
    }

    @Test
    void rejectsAQueueBeyondTheLimit() {
        assertThatThrownBy(() -> RxQueueConfig.parseList("(0,128,1)")).hasMessageContaining("queue must be 0..127");
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatThrownBy(() -> RxQueueConfig.parseList(" ")).hasMessageContaining("empty");
    }
}
