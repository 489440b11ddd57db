package dev.llmgateway.internal.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {
  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void windowsAlignToUtcCalendarBoundaries() {
    long t = at("2024-02-29T13:45:59.987Z");
    assertThat(Period.SECOND.windowStart(t)).isEqualTo(at("2024-02-29T13:45:59Z"));
    assertThat(Period.MINUTE.windowStart(t)).isEqualTo(at("2024-02-29T13:45:00Z"));
    assertThat(Period.HOUR.windowStart(t)).isEqualTo(at("2024-02-29T13:00:00Z"));
    assertThat(Period.DAY.windowStart(t)).isEqualTo(at("2024-02-29T00:00:00Z"));
    assertThat(Period.MONTH.windowStart(t)).isEqualTo(at("2024-02-01T00:00:00Z"));
    assertThat(Period.YEAR.windowStart(t)).isEqualTo(at("2024-01-01T00:00:00Z"));
  }

  @Test
  void windowEndsAreTheNextBoundary() {
    assertThat(Period.MINUTE.windowEnd(at("2024-02-29T13:45:00Z"))).isEqualTo(at("2024-02-29T13:46:00Z"));
    assertThat(Period.MONTH.windowEnd(at("2024-02-01T00:00:00Z"))).isEqualTo(at("2024-03-01T00:00:00Z"));
    assertThat(Period.YEAR.windowEnd(at("2024-01-01T00:00:00Z"))).isEqualTo(at("2025-01-01T00:00:00Z"));
    assertThat(Period.DAY.windowEnd(at("2024-12-31T00:00:00Z"))).isEqualTo(at("2025-01-01T00:00:00Z"));
  }

  @Test
  void headerNamesAndKongLengths() {
    assertThat(Period.MINUTE.limitHeader()).isEqualTo("X-RateLimit-Limit-Minute");
    assertThat(Period.YEAR.remainingHeader()).isEqualTo("X-RateLimit-Remaining-Year");
    assertThat(Period.MONTH.nominalSeconds()).isEqualTo(30L * 86400);
    assertThat(Period.YEAR.nominalSeconds()).isEqualTo(365L * 86400);
  }
}
