package io.wirespeed.classify.rss;

/** The fields RSS hashes for one packet, as {@link RssHashTypes} selects them. */
public enum RssInput {
    /** Not hashed: the packet gets no RSS hash (and goes to the default queue). */
    NONE,
    /** Source and destination address. */
    ADDRESSES,
    /** Source and destination address, then source and destination port. */
    ADDRESSES_AND_PORTS
}
