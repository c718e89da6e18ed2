package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;
import java.util.List;

/**
 * Decides which receive queue of a {@link SteeredPortBackend} each received packet goes to: the
 * software counterpart of a NIC's flow director and RSS stage. The port has {@code queues} queues
 * over {@code deviceQueues <= queues} queues of the device underneath; each device queue is drained
 * by the lcore that polls the port queue of the same number, with a {@link Steerer} of its own.
 *
 * <p>Control methods ({@link #configure}, and whatever configuration the implementation offers) are
 * for one control thread; {@link #isPassThrough} is read by the lcores on every burst.
 */
public interface RxSteering {
    /**
     * The port was configured: {@code queues} port queues over {@code deviceQueues} device queues.
     * Called before any {@link #newSteerer}; the steerers of an earlier configuration are dropped.
     */
    void configure(int queues, int deviceQueues);

    /**
     * True while nothing needs deciding: as many port queues as device queues and no rule or RSS
     * setting that could move a packet, so each device queue's packets stay on its port queue
     * unexamined. Read once per burst; cheap.
     */
    boolean isPassThrough();

    /** The steerer for the lcore that drains device queue {@code deviceQueue}; one per device queue. */
    Steerer newSteerer(int deviceQueue);

    /**
     * The reasons a steerer drops a packet, in order: {@link Steerer#queueFor} returns {@code -1 - i}
     * for reason i. Each is counted, as the extended statistic {@code rx_steer_<reason>_packets}.
     */
    List<String> dropReasons();

    /** Decides packet by packet for one device queue; used by one lcore at a time, allocates nothing. */
    interface Steerer {
        /**
         * The port queue for {@code m} (0 to queues - 1), or {@code -1 - reason} to drop it. May fill
         * in what it learned: the RSS hash, a flow mark, the packet type.
         */
        int queueFor(Mbuf m);
    }
}
