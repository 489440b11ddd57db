package dev.llmgateway.internal.plugins.tokenlimiting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.ratelimiting.Period;
import dev.llmgateway.internal.plugins.ratelimiting.Usage;
import dev.llmgateway.internal.plugins.ratelimiting.WindowLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identifiers a client picks (IPs, header values) must not grow the local budgets without bound. */
class LocalTokenPolicySweepTest {
  static final WindowLimits PER_MINUTE = WindowLimits.of(Map.of(Period.MINUTE, 1000.0));
  static final long T0 = 1_764_000_000_000L - 1_764_000_000_000L % 60_000; // the start of a minute

  @Test
  void bucketsOfPassedWindowsAreDroppedAndCurrentOnesKept() {
    LocalTokenPolicy policy = new LocalTokenPolicy(new LocalTokenPolicy.Counters());
    for (int i = 0; i < 1000; i++) {
      assertThat(policy.reserve("ip-" + i, PER_MINUTE, 10, T0).isAllowed()).isTrue();
    }
    assertThat(policy.size()).isEqualTo(1000);

    policy.reserve("ip-0", PER_MINUTE, 10, T0 + 5_000); // same minute: a sweep runs and keeps every bucket
    assertThat(policy.size()).isEqualTo(1000);

    Usage next = policy.reserve("ip-1", PER_MINUTE, 10, T0 + 61_000); // the next minute
    assertThat(policy.size()).isEqualTo(1);
    assertThat(next.count(0)).isEqualTo(10); // a fresh window, not the old bucket's 10 + 10
  }

  @Test
  void aBudgetInItsWindowSurvivesTheSweep() {
    LocalTokenPolicy policy = new LocalTokenPolicy(new LocalTokenPolicy.Counters());
    policy.reserve("alice", PER_MINUTE, 600, T0);
    policy.reserve("bob", PER_MINUTE, 1, T0 + 30_000); // sweeps; alice's minute is still current
    Usage spent = policy.reserve("alice", PER_MINUTE, 600, T0 + 40_000);
    assertThat(spent.count(0)).isEqualTo(1200);
    assertThat(policy.reserve("alice", PER_MINUTE, 1, T0 + 50_000).isAllowed()).isFalse();
  }
}
