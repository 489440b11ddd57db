package dev.llmgateway.internal.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.Route;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * key-auth asks the gateway to hold the request body only when {@code key_in_body} is on. What the upstream then
 * receives is tested end to end through a real gateway in gateway-testkit's {@code KeyAuthHidingTest}.
 */
class KeyAuthBodyPlanTest extends KeyAuthFixture {
  @Test
  void bodyIsOnlyAskedForWithKeyInBody() {
    keyAuth(Map.of());
    ConfigSnapshot snap = gw.snapshot();
    Route route = snap.route(gw.id(Route.TYPE, "r"));
    assertThat(snap.plan(route).bodyLimit()).isZero();
    gw = new TestGateway(new KeyAuthType());
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    keyAuth(Map.of("key_in_body", true));
    snap = gw.snapshot();
    assertThat(snap.plan(snap.route(gw.id(Route.TYPE, "r"))).bodyLimit()).isEqualTo(KeyAuthPlugin.BODY_LIMIT);
  }
}
