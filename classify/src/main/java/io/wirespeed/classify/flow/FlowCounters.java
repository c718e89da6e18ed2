package io.wirespeed.classify.flow;

/** What a rule's COUNT action counted (rte_flow_query_count): packets and bytes matched. */
public record FlowCounters(long hits, long bytes) {
}
