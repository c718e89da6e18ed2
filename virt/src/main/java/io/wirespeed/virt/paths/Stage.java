package io.wirespeed.virt.paths;

/**
 * One hop of a path's packet flow as measured: the wire, the NIC, the host's core, a queue, the
 * guest. {@code packets} left this stage towards the next; {@code interrupts} were raised to this
 * stage's core; {@code copies} are the CPU copies this stage made; {@code nsPerPacket} is its
 * thread's CPU time per packet it handled (0 for stages without a thread of their own).
 *
 * @param kind one of {@code wire}, {@code nic}, {@code host}, {@code queue}, {@code guest}
 */
public record Stage(String name, String kind, long packets, long interrupts, long copies, double nsPerPacket) {}
