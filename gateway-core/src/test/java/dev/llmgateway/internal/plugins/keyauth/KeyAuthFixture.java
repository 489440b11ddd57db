package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * The key-auth tests' configuration, built into real snapshots (requests go through a real gateway in
 * gateway-testkit's key-auth tests): service {@code llm} with route {@code r} on {@code /v1}, consumers alice
 * (custom id {@code alice-custom}, key {@code alice-key}) and bob ({@code bob-key}), on a clock fixed at
 * {@link #NOW}.
 */
abstract class KeyAuthFixture {
  static final long NOW = 1_700_000_100L;
  TestGateway gw;
  UUID aliceId;
  UUID aliceCredential;

  @BeforeEach
  void setUpGateway() {
    gw = new TestGateway(new KeyAuthType(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)));
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    aliceId = gw.consumer("alice", "alice-custom");
    gw.consumer("bob");
    aliceCredential = gw.credential("alice", "alice-key");
    gw.credential("bob", "bob-key");
  }

  /** key-auth with {@code config} on the service. */
  void keyAuth(Map<String, Object> config) {
    gw.plugin("key-auth", config, Map.of("service", "llm"));
  }
}
