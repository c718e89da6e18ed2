package io.wirespeed.virt.vf;

import java.util.Arrays;

/**
 * One message a VF driver sends its PF (the ixgbe/i40e VF mailbox's requests). Admin path only:
 * messages are objects, a few per second at most.
 */
public sealed interface MailboxRequest {
    /** The request's name in counters and logs, e.g. {@code set_mac}. */
    String name();

    /** Resets the function; until the PF has completed it, every other request is refused. */
    record Reset() implements MailboxRequest {
        public String name() {
            return "reset";
        }
    }

    record SetMac(long mac) implements MailboxRequest {
        public String name() {
            return "set_mac";
        }
    }

    /** Replaces the multicast groups the function receives. */
    record SetMulticast(long[] groups) implements MailboxRequest {
        public SetMulticast {
            groups = groups.clone();
        }

        public String name() {
            return "set_multicast";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetMulticast m && Arrays.equals(groups, m.groups);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(groups);
        }

        @Override
        public String toString() {
            return "SetMulticast" + Arrays.toString(groups);
        }
    }

    /** Adds ({@code on}) or removes a VLAN from the function's receive filter. */
    record SetVlan(int vlan, boolean on) implements MailboxRequest {
        public String name() {
            return "set_vlan";
        }
    }

    record SetXcast(XcastMode mode) implements MailboxRequest {
        public String name() {
            return "set_xcast";
        }
    }

    record GetQueues() implements MailboxRequest {
        public String name() {
            return "get_queues";
        }
    }

    record GetRssKey() implements MailboxRequest {
        public String name() {
            return "get_rss_key";
        }
    }

    record GetReta() implements MailboxRequest {
        public String name() {
            return "get_reta";
        }
    }
}
