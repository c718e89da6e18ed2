package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.vf.MailboxReply;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.XcastMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    private static NicFixture oneVf(List<FlowSpec> wire) {
        NicFixture f = new NicFixture(NicConfig.defaults(), wire);
        f.nic.pf().numVfs(1);
        f.nic.pf().mac(0, A);
        return f;
    }

    @Test
    void requestsBeforeAResetAreRefused() throws Exception {
        try (NicFixture f = oneVf(List.of())) {
            MailboxReply reply = f.nic.vf(0).request(new MailboxRequest.GetQueues());
            assertThat(reply.acknowledged()).isFalse();
            assertThat(f.nic.vf(0).refused()).containsEntry("get_queues", 1L);
        }
    }

    @Test
    void resetAnswersWithThePfsMac() throws Exception {
        try (NicFixture f = oneVf(List.of())) {
            assertThat(f.nic.vf(0).request(new MailboxRequest.Reset()).value()).isEqualTo(A);
        }
    }

    @Test
    void vlanFilterIsRefusedUnderAPortVlan() throws Exception {
        try (NicFixture f = oneVf(List.of())) {
            f.nic.pf().vlan(0, 100, 0, VlanProto.DOT1Q);
            f.nic.vf(0).request(new MailboxRequest.Reset());
            assertThat(f.nic.vf(0).request(new MailboxRequest.SetVlan(200, true)).acknowledged()).isFalse();
            assertThat(f.nic.vf(0).refused()).containsEntry("set_vlan", 1L);
        }
    }

    @Test
    void promiscuousIsClampedToMulticastWithoutTrust() throws Exception {
        try (NicFixture f = oneVf(List.of())) {
            f.nic.vf(0).request(new MailboxRequest.Reset());
            MailboxReply reply = f.nic.vf(0).request(new MailboxRequest.SetXcast(XcastMode.PROMISC));
            assertThat(reply.value()).isEqualTo(XcastMode.MULTI.ordinal());
            assertThat(f.nic.vf(0).refused()).containsEntry("set_xcast", 1L);
        }
    }

    @Test
    void trustedPromiscuousVfReceivesUnknownUnicast() throws Exception {
        try (NicFixture f = oneVf(List.of(FlowSpec.of(MacAddress.parse("02:00:00:00:00:77"), PEER, 64, 9)))) {
            f.nic.pf().trust(0, true);
            Port a = f.guest(0);
            a.promiscuous(true);
            f.settle();
            assertThat(NicFixture.drain(a)).isEqualTo(9);
        }
    }

    @Test
    void rssQueriesNeedQueryRss() throws Exception {
        try (NicFixture f = oneVf(List.of())) {
            f.nic.vf(0).request(new MailboxRequest.Reset());
            assertThat(f.nic.vf(0).request(new MailboxRequest.GetRssKey()).acknowledged()).isFalse();
            f.nic.pf().queryRss(0, true);
            assertThat(f.nic.vf(0).request(new MailboxRequest.GetRssKey()).data()).hasSize(40);
        }
    }

    @Test
    void multicastReachesOnlySubscribedVfs() throws Exception {
        long group = MacAddress.parse("01:00:5e:00:00:01");
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of(FlowSpec.of(group, PEER, 64, 6)))) {
            f.nic.pf().numVfs(2);
            Port a = f.guest(0);
            Port b = f.guest(1);
            f.nic.vf(0).request(new MailboxRequest.SetMulticast(new long[] {group}));
            f.settle();
            assertThat(NicFixture.drain(a)).isEqualTo(6);
            assertThat(NicFixture.drain(b)).isZero();
        }
    }
}
