package dev.llmgateway.undertow.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One rate-limit run on the real clock, started with at least 5 s left in its minute so the window holds. */
class RealClockRateLimitTest {
  @Test
  void threePerMinuteOnTheWallClock() throws Exception {
    try (StackGateway gw = StackGateway.start(Clock.systemUTC())) {
      gw.adminForm("POST", "/services/sglang-service/plugins", "name=rate-limiting&config.minute=3");
      long left = 60_000 - Instant.now().toEpochMilli() % 60_000;
      if (left < 5_000) {
        Thread.sleep(left + 50);
      }
      long startedWithMillisLeft = 60_000 - Instant.now().toEpochMilli() % 60_000;
      for (int i = 2; i >= 0; i--) {
        HttpResponse<String> ok = gw.proxy("GET", "/v1/sglang/v1/models", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining-Minute")).hasValue(Integer.toString(i));
      }
      HttpResponse<String> limited = gw.proxy("GET", "/v1/sglang/v1/models", null);
      assertThat(limited.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertThat(limited.headers().firstValue("RateLimit-Reset")).hasValue(Long.toString(retryAfter));
      assertThat(retryAfter).isBetween(1L, startedWithMillisLeft / 1000 + 1);
      assertThat(startedWithMillisLeft).isGreaterThanOrEqualTo(5_000);
    }
  }
}
