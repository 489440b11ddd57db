package dev.llmgateway.undertow.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.internal.testing.RawHttpConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Admin API gives a request body that stops arriving a 408 and closes, as the proxy does. */
class StalledBodyTest {
  @Test
  void aBodyThatStopsGets408AndTheConnectionCloses() throws Exception {
    try (AdminListener admin = AdminListener.withBodyTimeout(Duration.ofMillis(300));
        RawHttpConnection c = RawHttpConnection.open(URI.create(admin.base).getPort())) {
      long start = System.nanoTime();
      c.write("POST /services HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"name\":\"half");
      RawHttpConnection.Head head = c.readHead();
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(head.status()).isEqualTo(408);
      assertThat(new String(c.readBody(head), StandardCharsets.UTF_8)).contains("Request timeout");
      assertThat(waited).isGreaterThanOrEqualTo(250);
      assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
      assertThat(admin.get("/services").body()).doesNotContain("half");
    }
  }
}
