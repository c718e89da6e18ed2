/**
 * Receive-side scaling: the {@link io.wirespeed.classify.rss.ToeplitzHash} of Microsoft RSS and
 * DPDK's rte_softrss, the {@link io.wirespeed.classify.rss.RssHashTypes} that choose which fields
 * a packet is hashed over (testpmd's words), and the
 * {@link io.wirespeed.classify.rss.RedirectionTable} that turns a hash into a queue.
 *
 * <p>Symmetric RSS: the API's symmetric mode is the symmetric key
 * ({@link io.wirespeed.classify.rss.ToeplitzHash#symmetric()}), because that is what a NIC can be
 * programmed with, so software and the (emulated) NIC agree on every hash.
 * {@link io.wirespeed.classify.rss.SortedTupleHash} orders the tuple instead, for software-only
 * uses that want symmetry while keeping another key.
 */
package io.wirespeed.classify.rss;
