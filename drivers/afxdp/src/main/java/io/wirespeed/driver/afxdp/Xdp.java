package io.wirespeed.driver.afxdp;

/**
 * The AF_XDP socket interface of linux/if_xdp.h: option numbers, bind flags, mmap offsets and the
 * layout of the structures the driver exchanges with the kernel. Values only; the semantics are
 * described where they are used.
 */
final class Xdp {
    static final int SOL_XDP = 283;

    // setsockopt / getsockopt options
    static final int XDP_MMAP_OFFSETS = 1;
    static final int XDP_RX_RING = 2;
    static final int XDP_TX_RING = 3;
    static final int XDP_UMEM_REG = 4;
    static final int XDP_UMEM_FILL_RING = 5;
    static final int XDP_UMEM_COMPLETION_RING = 6;
    static final int XDP_STATISTICS = 7;
    static final int XDP_OPTIONS = 8;

    // sockaddr_xdp.sxdp_flags
    static final short XDP_COPY = 1 << 1;
    static final short XDP_USE_NEED_WAKEUP = 1 << 3;

    /** xdp_umem_reg.flags: chunks may start anywhere, addresses carry an offset in their top 16 bits. */
    static final int XDP_UMEM_UNALIGNED_CHUNK_FLAG = 1;
    /** xdp_options.flags: the socket runs in zero-copy mode. */
    static final int XDP_OPTIONS_ZEROCOPY = 1;
    /** Ring flags word: the kernel sleeps until woken by a system call. */
    static final int XDP_RING_NEED_WAKEUP = 1;

    // mmap offsets (page offsets already shifted into bytes) of the four rings
    static final long XDP_PGOFF_RX_RING = 0;
    static final long XDP_PGOFF_TX_RING = 0x80000000L;
    static final long XDP_UMEM_PGOFF_FILL_RING = 0x100000000L;
    static final long XDP_UMEM_PGOFF_COMPLETION_RING = 0x180000000L;

    /** Unaligned mode: the low 48 bits of a descriptor address are the chunk, the top 16 an offset into it. */
    static final int UNALIGNED_OFFSET_SHIFT = 48;
    static final long UNALIGNED_ADDRESS_MASK = (1L << UNALIGNED_OFFSET_SHIFT) - 1;

    /** The room the kernel keeps in front of every received frame (XDP_PACKET_HEADROOM). */
    static final int XDP_PACKET_HEADROOM = 256;

    // structure sizes and offsets
    static final int SOCKADDR_XDP_SIZE = 16;     // u16 family, u16 flags, u32 ifindex, u32 queue_id, u32 shared_umem_fd
    static final int UMEM_REG_SIZE = 32;         // u64 addr, u64 len, u32 chunk_size, u32 headroom, u32 flags, u32 tx_metadata_len
    static final int MMAP_OFFSETS_SIZE = 128;    // 4 x xdp_ring_offset {u64 producer, consumer, desc, flags}
    static final int RING_OFFSET_SIZE = 32;
    static final int STATISTICS_SIZE = 48;       // 6 x u64
    static final int DESC_SIZE = 16;             // xdp_desc: u64 addr, u32 len, u32 options
    static final int ADDR_SIZE = 8;              // fill and completion entries: u64 addr

    // index of each ring's xdp_ring_offset inside xdp_mmap_offsets
    static final int RX = 0;
    static final int TX = 1;
    static final int FILL = 2;
    static final int COMPLETION = 3;

    private Xdp() {
    }
}
