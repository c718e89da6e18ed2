package io.wirespeed.driver.pcap;

/**
 * The numbers of the two capture formats: classic pcap (libpcap's savefile, 24-byte file header,
 * 16-byte record headers) and pcapng (blocks with a type and a total length at both ends).
 */
final class CaptureFormat {
    /** Classic pcap, microsecond time stamps, as the writer's machine stores an int. */
    static final int PCAP_MAGIC_MICROS = 0xa1b2c3d4;
    /** Classic pcap, nanosecond time stamps. */
    static final int PCAP_MAGIC_NANOS = 0xa1b23c4d;
    /** Alexey Kuznetzov's modified pcap (24-byte record headers): recognised to say so, not read. */
    static final int PCAP_MAGIC_KUZNETZOV = 0xa1b2cd34;
    static final int PCAP_FILE_HEADER = 24;
    static final int PCAP_RECORD_HEADER = 16;
    static final int PCAP_VERSION_MAJOR = 2;
    static final int PCAP_VERSION_MINOR = 4;

    /** pcapng section header block type: a palindrome, the same in both byte orders. */
    static final int SHB = 0x0a0d0d0a;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    /** Smallest block: type, total length, total length again. */
    static final int MIN_BLOCK = 12;
    /** Section header: type, length, byte-order magic, version, section length, length. */
    static final int MIN_SHB = 28;
    /** Interface description: type, length, link type, reserved, snaplen, length. */
    static final int MIN_IDB = 20;
    /** Enhanced (and obsolete) packet block fields before the data, plus the trailing length. */
    static final int EPB_DATA = 28;
    static final int MIN_EPB = 32;
    /** Simple packet block: type, length, original length, data, length. */
    static final int SPB_DATA = 12;
    static final int MIN_SPB = 16;
    static final int OPT_END = 0;
    static final int IF_NAME = 2;
    static final int SHB_USERAPPL = 4;
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;

    static final int LINKTYPE_ETHERNET = 1;

    /**
     * The largest frame Wirespeed reads or writes: libpcap's MAXIMUM_SNAPLEN, which tcpdump and
     * Wireshark also refuse to exceed. A record claiming more is damage.
     */
    static final int MAX_FRAME = 262_144;

    private CaptureFormat() {
    }

    /** Bytes of padding that bring {@code length} to a multiple of 4 (pcapng pads every field). */
    static int pad4(int length) {
        return -length & 3;
    }
}
