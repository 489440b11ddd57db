package dev.llmgateway.internal.balancer;

import static dev.llmgateway.internal.balancer.Pools.pool;
import static dev.llmgateway.internal.balancer.Pools.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code Host} each try sends, as Kong's balancer sets it. */
class HostHeaderTest {
  @Test
  void theTargetsHostWithItsPortUnlessTheSchemesDefault() {
    Tries plain = new Tries(pool(Map.of(), target("a.test:8080", 100)), null).hostFor(false, null, null);
    assertThat(plain.hostHeader()).isNull(); // no try yet
    plain.next();
    assertThat(plain.hostHeader()).isEqualTo("a.test:8080");
    Tries https = new Tries(pool(Map.of(), target("b.test:443", 100)), null).hostFor(true, null, null);
    https.next();
    assertThat(https.hostHeader()).isEqualTo("b.test");
    Tries v6 = new Tries(pool(Map.of(), target("[::1]:80", 100)), null).hostFor(false, null, null);
    v6.next();
    // Targets keep an IPv6 address expanded, as Kong does.
    assertThat(v6.hostHeader()).isEqualTo("[0000:0000:0000:0000:0000:0000:0000:0001]");
  }

  @Test
  void theUpstreamsHostHeaderThenTheClientsWhenPreservedWin() {
    Tries named = new Tries(pool(Map.of(), target("a.test:8080", 100)), null).hostFor(false, "api.test", null);
    named.next();
    assertThat(named.hostHeader()).isEqualTo("api.test:8080");
    Tries preserved = new Tries(pool(Map.of(), target("a.test:8080", 100)), null)
        .hostFor(false, "api.test", "client.example:8000");
    preserved.next();
    assertThat(preserved.hostHeader()).isEqualTo("client.example:8000");
  }
}
