package io.wirespeed.driver.pcap;

/** Told about every complete packet record of a capture file, in file order, while it is scanned. */
@FunctionalInterface
interface PacketVisitor {
    PacketVisitor NONE = (dataOffset, captureLength, timestampNanos) -> { };

    /** A frame of {@code captureLength} bytes starting at file offset {@code dataOffset}. */
    void packet(long dataOffset, int captureLength, long timestampNanos);
}
