package dev.llmgateway.internal.balancer;

import static dev.llmgateway.internal.balancer.Pools.pool;
import static dev.llmgateway.internal.balancer.Pools.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The breaker's counters, Kong's threshold, back-pressure benches and Retry-After. */
class HealthTest {
  private static final Map<String, Object> PASSIVE = Map.of("healthchecks", Map.of("passive", Map.of(
      "healthy", Map.of("successes", 2),
      "unhealthy", Map.of("tcp_failures", 2, "http_failures", 3, "timeouts", 1))));

  @Test
  void failuresOfEachKindTripAtTheirThresholdAndASuccessResetsThem() {
    Pool p = pool(PASSIVE, target("a.test:80", 100), target("b.test:80", 100));
    HealthPolicy.Counters c = p.policy.passive().counters();
    Peer a = p.peers[0];
    a.report(c, Outcome.TCP_FAILURE, "x");
    a.report(c, Outcome.SUCCESS, "y");
    a.report(c, Outcome.TCP_FAILURE, "x");
    assertThat(a.healthy()).isTrue();
    a.report(c, Outcome.TCP_FAILURE, "x");
    assertThat(a.healthy()).isFalse();
    a.report(c, Outcome.SUCCESS, "y");
    assertThat(a.healthy()).isFalse();
    a.report(c, Outcome.SUCCESS, "y");
    assertThat(a.healthy()).isTrue();
    p.peers[1].report(c, Outcome.TIMEOUT, "t");
    assertThat(p.peers[1].healthy()).isFalse();
  }

  @Test
  void a429IsBusyNotBrokenButA500Counts() {
    Pool p = pool(PASSIVE, target("a.test:80", 100), target("b.test:80", 100));
    Tries t = new Tries(p, null);
    Attempt first = t.next();
    Peer picked = t.peer();
    for (int i = 0; i < 5; i++) {
      first.responded(429, null, true);
    }
    assertThat(picked.healthy()).isTrue();
    for (int i = 0; i < 3; i++) {
      first.responded(500, null, true);
    }
    assertThat(picked.healthy()).isFalse();
  }

  @Test
  void retryAfterBenchesAndARetryIsWantedOnlyWhenAnotherTargetCanTakeIt() {
    Pool p = pool(Map.of(), target("a.test:80", 100), target("b.test:80", 100));
    Tries t = new Tries(p, null);
    Attempt first = t.next();
    Peer busy = t.peer();
    assertThat(first.responded(429, "120", true)).isTrue();
    assertThat(busy.isBenched(System.nanoTime())).isTrue();
    assertThat(t.next()).isNotNull();
    assertThat(t.peer()).isNotSameAs(busy);
    // The second replica is busy too: nobody else can take it, the 429 goes to the client.
    assertThat(new Tries(p, null).next()).isNotNull();
    Tries u = new Tries(p, null);
    Attempt only = u.next();
    assertThat(u.peer()).isNotSameAs(busy);
    assertThat(only.responded(503, null, true)).isFalse();
    assertThat(first.responded(429, null, false)).isFalse(); // a body that was streamed cannot be sent again
  }

  @Test
  void retryAfterReadsSecondsAndDates() {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(RetryAfter.seconds("7", now)).isEqualTo(7);
    assertThat(RetryAfter.seconds("Mon, 07 Dec 2026 10:00:30 GMT", now)).isEqualTo(30);
    assertThat(RetryAfter.seconds("soon", now)).isZero();
    assertThat(RetryAfter.seconds(null, now)).isZero();
  }

  @Test
  void belowKongsThresholdTheWholeUpstreamIsUnhealthy() {
    Pool p = pool(Map.of("healthchecks", Map.of("threshold", 60)), target("a.test:80", 100),
        target("b.test:80", 100));
    assertThat(new Tries(p, null).next()).isNotNull();
    p.peers[0].set(false, "down");
    assertThat(new Tries(p, null).next()).isNull(); // 50 % healthy weight < 60 %
  }
}
