package dev.llmgateway.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private static final TrustedProxies XFF = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, fd00::/8",
      "X-Forwarded-For", false);
  private static final TrustedProxies XFF_RECURSIVE = TrustedProxies.parse("127.0.0.1,10.0.0.0/8,fd00::/8",
      "X-Forwarded-For", true);

  @Test
  void trustNobodyByDefault() {
    assertThat(TrustedProxies.NONE.clientIp("127.0.0.1", "1.2.3.4")).isEqualTo("127.0.0.1");
    assertThat(TrustedProxies.NONE.header()).isEqualTo("X-Real-IP");
  }

  @Test
  void untrustedPeerIsTheClient() {
    assertThat(XFF.clientIp("192.0.2.1", "1.2.3.4")).isEqualTo("192.0.2.1");
  }

  @Test
  void lastEntryFromATrustedPeer() {
    assertThat(XFF.clientIp("127.0.0.1", "1.2.3.4")).isEqualTo("1.2.3.4");
    assertThat(XFF.clientIp("127.0.0.1", "1.2.3.4, 10.0.0.7")).isEqualTo("10.0.0.7");
    assertThat(XFF.clientIp("127.0.0.1", null)).isEqualTo("127.0.0.1");
  }

  @Test
  void recursiveSkipsTrustedEntriesFromTheRight() {
    assertThat(XFF_RECURSIVE.clientIp("127.0.0.1", "1.2.3.4, 192.0.2.9, 10.0.0.7, 10.1.1.1"))
        .isEqualTo("192.0.2.9");
    assertThat(XFF_RECURSIVE.clientIp("127.0.0.1", "10.0.0.1, 10.0.0.2")).isEqualTo("10.0.0.1");
    assertThat(XFF_RECURSIVE.clientIp("fd00::1", "2001:db8::5, fd00::2")).isEqualTo("2001:db8::5");
  }

  @Test
  void badEntriesAsNginxTreatsThem() {
    assertThat(XFF.clientIp("127.0.0.1", "1.2.3.4, junk")).isEqualTo("127.0.0.1");
    assertThat(XFF_RECURSIVE.clientIp("127.0.0.1", "junk, 10.0.0.3")).isEqualTo("10.0.0.3");
    assertThat(XFF.clientIp("127.0.0.1", "")).isEqualTo("127.0.0.1");
  }

  @Test
  void portsAndBracketsAreStripped() {
    assertThat(XFF.clientIp("127.0.0.1", "1.2.3.4:5678")).isEqualTo("1.2.3.4");
    assertThat(XFF.clientIp("127.0.0.1", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
    assertThat(XFF.clientIp("127.0.0.1", "2001:db8::1")).isEqualTo("2001:db8::1");
  }

  @Test
  void trustIsByRange() {
    assertThat(XFF.trusts("10.200.3.4")).isTrue();
    assertThat(XFF.trusts("11.0.0.1")).isFalse();
    assertThat(XFF.trusts("fd12::1")).isTrue();
    assertThat(XFF.trusts("::1")).isFalse();
    assertThat(TrustedProxies.parse("0.0.0.0/0,::/0", "X-Real-IP", false).trusts("::1")).isTrue();
    assertThat(TrustedProxies.parse("unix:", "X-Real-IP", false).ranges()).isEmpty();
  }

  @Test
  void badSettingsAreRefusedWithTheirValue() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33", "X-Real-IP", false))
        .hasMessage("'10.0.0.0/33' is not an IP address or CIDR range");
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.example", "X-Real-IP", false))
        .hasMessageContaining("'proxy.example'");
    assertThatThrownBy(() -> TrustedProxies.parse("", "proxy_protocol", false))
        .hasMessageContaining("PROXY protocol");
    assertThatThrownBy(() -> TrustedProxies.parse("", " ", false)).isInstanceOf(IllegalArgumentException.class);
  }
}
