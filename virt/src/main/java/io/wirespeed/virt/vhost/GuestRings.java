package io.wirespeed.virt.vhost;

import io.wirespeed.sys.EventFd;
import io.wirespeed.virt.vf.DescriptorRing;
import java.lang.foreign.MemorySegment;

/** The guest's side of a started vhost device: its memory, and per queue pair its two rings and interrupt. */
record GuestRings(MemorySegment memory, DescriptorRing[] rx, DescriptorRing[] tx, EventFd[] interrupts) {}
