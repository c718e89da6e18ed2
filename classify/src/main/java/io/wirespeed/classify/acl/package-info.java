/**
 * DPDK's rte_acl for the IPv4 5-tuple: rules (protocol value/mask, source and destination
 * prefixes, source and destination port ranges, priority, category mask, userdata) are added to an
 * {@link io.wirespeed.classify.acl.AclContext}, compiled once into an immutable
 * {@link io.wirespeed.classify.acl.AclClassifier} and looked up in bursts straight from packet
 * bytes. Rule files in the classbench syntax of dpdk-test-acl and l3fwd's {@code --rule_ipv4} are
 * read by {@link io.wirespeed.classify.acl.AclRuleFile}. See docs/ACL.md.
 */
package io.wirespeed.classify.acl;
