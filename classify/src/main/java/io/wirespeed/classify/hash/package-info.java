/**
 * Exact-match lookup: {@link io.wirespeed.classify.hash.ExactMatchTable}, a cuckoo hash table of
 * fixed-length keys with DPDK rte_hash's layout and its lock-free one-writer/many-readers mode,
 * and {@link io.wirespeed.classify.hash.ExactMatchReader} for phased bulk lookups of up to 64 keys.
 */
package io.wirespeed.classify.hash;
