package io.wirespeed.virt.vf;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.sys.EventFd;

/**
 * A virtual function as its driver sees it: the registers and the mailbox of one PCI function.
 * The driver lays its descriptor rings out in the guest's memory and programs their offsets here
 * (an 82599's RDBAL/TDBAL writes); from {@link #start} on, the device writes received frames into
 * the buffers the driver posted and reads the frames it queued, until {@link #stop}.
 */
public interface VfDevice {
    /** The function's name for messages, e.g. {@code vf3} or {@code pf}. */
    String name();

    /** Queue pairs the function offers. */
    int maxQueues();

    /** Programs queue {@code queue}'s rings: offsets into {@code zone}, each ring {@code rxSize}/{@code txSize} slots. */
    void programQueue(int queue, MemoryZone zone, long rxRingOffset, int rxSize, long txRingOffset, int txSize);

    /** The queue's interrupt line (an MSI-X vector): an eventfd the device signals. */
    EventFd interrupt(int queue);

    /** Turns the programmed queues on: the device starts using them. */
    void start(int queues);

    /**
     * Turns the queues off and returns once the device no longer touches them, so the driver may
     * free their buffers.
     */
    void stop();

    /** Sends one request through the PF<->VF mailbox and waits for the PF's answer. */
    MailboxReply request(MailboxRequest request);

    LinkStatus link();
}
