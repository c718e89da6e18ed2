package io.wirespeed.classify.flow;

import java.util.List;

/**
 * What a matching rule does (rte_flow's actions). QUEUE, DROP, RSS, PORT and JUMP decide the
 * packet's fate; MARK and COUNT do not, and a rule with no fate lets the packet go on to the rules
 * after it (PASSTHRU).
 */
public sealed interface FlowAction {
    /** Whether this action decides where the packet goes. */
    default boolean isFate() {
        return false;
    }

    /** Deliver to one receive queue. */
    record Queue(int index) implements FlowAction {
        public Queue {
            if (index < 0 || index > 0xffff) {
                throw new IllegalArgumentException("queue index " + index + " out of range 0..65535");
            }
        }

        @Override
        public boolean isFate() {
            return true;
        }
    }

    /** Drop the packet (counted as dropped by a rule). */
    record Drop() implements FlowAction {
        @Override
        public boolean isFate() {
            return true;
        }
    }

    /**
     * Spread over {@code queues} by the RSS hash of the fields {@code types} names (testpmd's
     * words: ipv4, ipv4-tcp, ipv4-udp, ipv6, ipv6-tcp, ipv6-udp, ip, tcp, udp); empty queues means
     * all of the port's queues, empty types the port's RSS configuration.
     */
    record Rss(int[] queues, List<String> types) implements FlowAction {
        public Rss {
            queues = queues.clone();
            types = List.copyOf(types);
            for (int q : queues) {
                if (q < 0 || q > 0xffff) {
                    throw new IllegalArgumentException("rss queue " + q + " out of range 0..65535");
                }
            }
        }

        @Override
        public int[] queues() {
            return queues.clone();
        }

        /** How many queues the action names; 0 means the port's own (its redirection table). */
        public int queueCount() {
            return queues.length;
        }

        /** The queue for a packet whose RSS hash is {@code hash}: queues[hash mod n]; needs queueCount() > 0. */
        public int queueFor(int hash) {
            return queues[Integer.remainderUnsigned(hash, queues.length)];
        }

        @Override
        public boolean isFate() {
            return true;
        }
    }

    /** Send to another port (e.g. a VF's), rte_flow's PORT_ID / REPRESENTED_PORT. */
    record Port(int portId) implements FlowAction {
        public Port {
            if (portId < 0 || portId > 0xffff) {
                throw new IllegalArgumentException("port id " + portId + " out of range 0..65535");
            }
        }

        @Override
        public boolean isFate() {
            return true;
        }
    }

    /** Continue matching in another group. */
    record Jump(int group) implements FlowAction {
        public Jump {
            if (group < 0) {
                throw new IllegalArgumentException("jump group " + group + " is negative");
            }
        }

        @Override
        public boolean isFate() {
            return true;
        }
    }

    /** Attach a 32-bit mark to the packet (the mbuf's flow mark). */
    record Mark(int id) implements FlowAction {
    }

    /** Count the packets and bytes the rule matches (read with query). */
    record Count() implements FlowAction {
    }
}
