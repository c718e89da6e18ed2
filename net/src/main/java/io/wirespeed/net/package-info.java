/**
 * Packets: zero-copy views over the headers in an mbuf's data, packet-type classification,
 * Internet checksums and builders for well-formed frames. Nothing here throws on malformed
 * input; a frame that cannot be parsed is classified as malformed.
 */
package io.wirespeed.net;
