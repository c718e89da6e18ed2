package io.wirespeed.driver.afpacket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Whether a port takes frames addressed to other hosts. A NIC that is not promiscuous drops them
 * in hardware; an AF_PACKET socket sees every frame the interface receives, so receive drops them
 * by the kernel's classification (sll_pkttype PACKET_OTHERHOST) unless the port is promiscuous.
 * Written by the control thread, read once per burst by the lcores (opaque: a plain load).
 */
final class AddressFilter {
    private static final VarHandle PROMISCUOUS;

    static {
        try {
            PROMISCUOUS = MethodHandles.lookup().findVarHandle(AddressFilter.class, "promiscuous", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through PROMISCUOUS
    private boolean promiscuous;

    boolean promiscuous() {
        return (boolean) PROMISCUOUS.getOpaque(this);
    }

    void promiscuous(boolean on) {
        PROMISCUOUS.setOpaque(this, on);
    }
}
