/**
 * Classification: RSS (Toeplitz hash and redirection table), the exact-match cuckoo table, LPM
 * for IPv4 and IPv6, ACL and rte_flow-like flow rules. Shared by the applications and by the
 * emulated NIC, which uses the flow engine as its hardware classifier.
 */
package io.wirespeed.classify;
