package io.wirespeed.driver.pcap;

/**
 * What one scan of a capture file found: enough for a reader to stream it without checking
 * anything again.
 *
 * @param pcapng        pcapng (true) or classic pcap
 * @param swap          classic pcap: the file's byte order differs from this machine's
 * @param tsMultiplier  classic pcap: nanoseconds per unit of the record's sub-second field (1000 or 1)
 * @param snaplen       classic pcap: the file header's snaplen
 * @param linkType      classic pcap: the file's link type; pcapng: the first interface's (-1 if none)
 * @param firstRecord   offset of the first record (classic) or block (pcapng)
 * @param packets       complete packet records
 * @param maxCapture    the longest captured frame
 * @param truncatedAt   offset of a truncated last record, or -1
 * @param interfaces    pcapng: every interface of every section; classic: null
 */
record CaptureSummary(boolean pcapng, boolean swap, long tsMultiplier, long snaplen, int linkType, long firstRecord,
                      long packets, int maxCapture, long truncatedAt, InterfaceTable interfaces) {
    boolean truncated() {
        return truncatedAt >= 0;
    }
}
