package io.wirespeed.virt.scenario;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * What a guest's app does with a received burst. It rewrites the frames it forwards in place,
 * moves them to the front of the burst and returns how many there are (the guest transmits
 * them on the port they came from); frames it consumes or drops it frees, counting each drop.
 * One thread (the guest's).
 */
abstract class GuestApp {
    static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long MAC_MASK = 0xffff_ffff_ffffL;

    /** Returns how many frames, now at {@code burst[0..k)}, go back out; the rest were freed. */
    int handle(Mbuf[] burst, int n, GuestDrops drops) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            Mbuf m = burst[i];
            GuestDrops.Reason why = forward(m);
            if (why != null) {
                drops.add(why, 1);
                m.free();
            } else {
                burst[out++] = m;
            }
        }
        return out;
    }

    /** Rewrites {@code m} for the way back out; null when it goes, else why it is dropped. */
    abstract GuestDrops.Reason forward(Mbuf m);

    static GuestApp of(GuestSpec.App app, long ownMac, int portId) {
        return switch (app) {
            case RXONLY, TXONLY -> new Sink();
            case MACSWAP -> new MacSwap();
            case L2FWD -> new L2Forward(ownMac, portId);
            case L3FWD -> new L3Forward(ownMac);
        };
    }

    static long readMac(MemorySegment s, long at) {
        return (Integer.toUnsignedLong(s.get(BE_INT, at)) << 16 | Short.toUnsignedLong(s.get(BE_SHORT, at + 4))) & MAC_MASK;
    }

    static void writeMac(MemorySegment s, long at, long mac) {
        s.set(BE_INT, at, (int) (mac >>> 16));
        s.set(BE_SHORT, at + 4, (short) mac);
    }

    /** rxonly (and txonly's receive side): every frame is consumed. */
    static final class Sink extends GuestApp {
        @Override
        int handle(Mbuf[] burst, int n, GuestDrops drops) {
            Mbuf.freeBulk(burst, 0, n);
            return 0;
        }

        @Override
        GuestDrops.Reason forward(Mbuf m) {
            throw new AssertionError("rxonly consumes every frame in handle");
        }
    }

    /** testpmd's macswap: each frame goes back with its source and destination addresses swapped. */
    static final class MacSwap extends GuestApp {
        @Override
        GuestDrops.Reason forward(Mbuf m) {
            if (m.dataLength() < 12) {
                return GuestDrops.Reason.MALFORMED;
            }
            MemorySegment s = m.buffer();
            long at = m.dataOffset();
            long dst = readMac(s, at);
            writeMac(s, at, readMac(s, at + 6));
            writeMac(s, at + 6, dst);
            return null;
        }
    }

    /**
     * DPDK l2fwd on a one-port guest: the destination becomes {@code 02:00:00:00:00:PORT} (the
     * port it leaves by, here the one it came in on) and the source the guest's own address.
     */
    static final class L2Forward extends GuestApp {
        private final long ownMac;
        private final long nextMac;

        L2Forward(long ownMac, int portId) {
            this.ownMac = ownMac;
            this.nextMac = 0x02_00_00_00_00_00L | (portId & 0xff);
        }

        @Override
        GuestDrops.Reason forward(Mbuf m) {
            if (m.dataLength() < 12) {
                return GuestDrops.Reason.MALFORMED;
            }
            writeMac(m.buffer(), m.dataOffset(), nextMac);
            writeMac(m.buffer(), m.dataOffset() + 6, ownMac);
            return null;
        }
    }
}
