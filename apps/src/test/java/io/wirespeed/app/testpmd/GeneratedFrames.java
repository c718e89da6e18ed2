package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.TestFrames.checksumVerifies;
import static io.wirespeed.app.testpmd.TestFrames.mac;
import static io.wirespeed.app.testpmd.TestFrames.u16;
import static io.wirespeed.app.testpmd.TestFrames.u32;
import static io.wirespeed.app.testpmd.TestFrames.u8;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;

/** Checks a generated frame field by field against RFC 791 and RFC 768, from the bytes alone. */
final class GeneratedFrames {
    private GeneratedFrames() {
    }

    /** Asserts an Ethernet/IPv4/UDP frame of {@code length} bytes with a verifying header checksum. */
    static void assertValidIpv4Udp(byte[] f, long dstMac, long srcMac, int length) {
        assertThat(f).hasSize(length);
        SoftAssertions s = new SoftAssertions();
        s.assertThat(mac(f, 0)).as("destination MAC").isEqualTo(dstMac);
        s.assertThat(mac(f, 6)).as("source MAC").isEqualTo(srcMac);
        s.assertThat(u16(f, 12)).as("ethertype").isEqualTo(TestFrames.ETHERTYPE_IPV4);
        s.assertThat(u8(f, 14)).as("version and IHL").isEqualTo(0x45);
        s.assertThat(u16(f, 16)).as("IPv4 total length").isEqualTo(length - 14);
        s.assertThat(u16(f, 20) & 0x3fff).as("fragment offset and MF").isZero();
        s.assertThat(u8(f, 22)).as("TTL").isGreaterThan(0);
        s.assertThat(u8(f, 23)).as("protocol").isEqualTo(TestFrames.PROTO_UDP);
        s.assertThat(checksumVerifies(f, 14, 20)).as("IPv4 header checksum verifies").isTrue();
        s.assertThat(u16(f, 38)).as("UDP length").isEqualTo(length - 34);
        s.assertThat(u16(f, 40)).as("UDP checksum (0: none, allowed over IPv4)").isZero();
        s.assertAll();
    }

    static int sourceIp(byte[] f) {
        return u32(f, 26);
    }

    static int destinationIp(byte[] f) {
        return u32(f, 30);
    }

    static int sourcePort(byte[] f) {
        return u16(f, 34);
    }

    static int destinationPort(byte[] f) {
        return u16(f, 36);
    }
}
