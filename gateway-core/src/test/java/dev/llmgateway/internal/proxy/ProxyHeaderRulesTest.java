package dev.llmgateway.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.Version;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyHeaderRulesTest {
  @Test
  void forwardedForAppendsThePeer() {
    assertThat(ProxyHeaderRules.forwardedFor(null, "10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(ProxyHeaderRules.forwardedFor("1.2.3.4", "10.0.0.1")).isEqualTo("1.2.3.4, 10.0.0.1");
  }

  @Test
  void upstreamHostOmitsTheSchemesDefaultPort() {
    assertThat(ProxyHeaderRules.upstreamHost("vllm", 80, false)).isEqualTo("vllm");
    assertThat(ProxyHeaderRules.upstreamHost("vllm", 8080, false)).isEqualTo("vllm:8080");
    assertThat(ProxyHeaderRules.upstreamHost("vllm", 443, true)).isEqualTo("vllm");
    assertThat(ProxyHeaderRules.upstreamHost("vllm", 443, false)).isEqualTo("vllm:443");
    assertThat(ProxyHeaderRules.upstreamHost("::1", 8000, false)).isEqualTo("[::1]:8000");
  }

  @Test
  void viaNamesTheProtocolVersionAndProduct() {
    assertThat(ProxyHeaderRules.via("HTTP/1.1")).isEqualTo("1.1 " + Version.PRODUCT);
    assertThat(ProxyHeaderRules.via("HTTP/2.0")).isEqualTo("2 " + Version.PRODUCT);
    assertThat(ProxyHeaderRules.via("HTTP/1.0")).isEqualTo("1.0 " + Version.PRODUCT);
    assertThat(ProxyHeaderRules.appendVia("1.1 a", "1.1 b")).isEqualTo("1.1 a, 1.1 b");
  }

  @Test
  void connectionTokensNameHopByHopHeaders() {
    List<String> tokens = new ArrayList<>();
    HopByHopHeaders.connectionTokens(" keep-alive , X-Foo,,Upgrade ", tokens::add);
    assertThat(tokens).containsExactly("keep-alive", "x-foo", "upgrade");
    assertThat(HopByHopHeaders.isFixed("Transfer-Encoding")).isTrue();
    assertThat(HopByHopHeaders.isFixed("Authorization")).isFalse();
  }

  @Test
  void requestIdsAre32LowercaseHexAndDistinct() {
    String a = RequestIds.next();
    assertThat(a).matches("[0-9a-f]{32}");
    assertThat(RequestIds.next()).isNotEqualTo(a);
  }
}
