package dev.llmgateway.plugins.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.plugins.testing.TestExchange;
import dev.llmgateway.plugins.testing.TestGateway;
import dev.llmgateway.plugins.testing.TestGateway.Outcome;
import dev.llmgateway.plugins.testing.TestRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** key-auth anonymous consumers, preflight, ttl expiry and the credential index. */
class KeyAuthAnonymousTest extends KeyAuthFixture {
  @Test
  void anonymousByIdOrUsername() {
    UUID guest = gw.consumer("guest");
    keyAuth(Map.of("anonymous", guest.toString()));
    Outcome byId = run(TestRequest.get("/v1").header("X-Credential-Identifier", "forged"));
    assertThat(byId.proceeded()).isTrue();
    assertThat(byId.exchange().consumer().id()).isEqualTo(guest);
    assertThat(byId.exchange().credentialId()).isNull();
    assertThat(byId.exchange().upstreamHeaders().first("X-Anonymous-Consumer")).isEqualTo("true");
    assertThat(byId.exchange().upstreamHeaders().first("X-Consumer-Username")).isEqualTo("guest");
    assertThat(byId.exchange().upstreamHeaders().contains("X-Credential-Identifier")).isFalse();
    Outcome valid = run(TestRequest.get("/v1").header("apikey", "alice-key"));
    assertThat(valid.exchange().consumer().username()).isEqualTo("alice");
    assertThat(valid.exchange().upstreamHeaders().contains("X-Anonymous-Consumer")).isFalse();
  }

  @Test
  void anonymousByUsernameCoversWrongKeys() {
    gw.consumer("guest");
    keyAuth(Map.of("anonymous", "guest"));
    Outcome o = run(TestRequest.get("/v1").header("apikey", "wrong"));
    assertThat(o.exchange().consumer().username()).isEqualTo("guest");
  }

  @Test
  void missingAnonymousConsumerIs500() {
    keyAuth(Map.of("anonymous", "nobody"));
    Outcome o = run(TestRequest.get("/v1"));
    assertThat(o.status()).isEqualTo(500);
    assertThat(o.verdict().message()).isEqualTo("An unexpected error occurred");
  }

  @Test
  void anonymousModeSkipsAlreadyAuthenticatedRequests() {
    gw.consumer("guest");
    keyAuth(Map.of("anonymous", "guest"));
    ConfigSnapshot snap = gw.snapshot();
    Route route = snap.route(gw.id(Route.TYPE, "r"));
    TestExchange ex = new TestExchange(TestRequest.get("/v1"), snap, route);
    Consumer bob = snap.consumer("bob");
    ex.authenticate(bob, "cred-from-another-plugin");
    Verdict v = snap.plan(route).select(0, null, "http").access(ex);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.PROCEED);
    assertThat(ex.consumer()).isSameAs(bob);
    assertThat(ex.upstreamHeaders().contains("X-Anonymous-Consumer")).isFalse();
  }

  @Test
  void preflightSkipsOnlyWhenAsked() {
    keyAuth(Map.of());
    assertThat(run(TestRequest.get("/v1").method("OPTIONS")).status()).isEqualTo(401);
    gw = new TestGateway(new KeyAuthType());
    gw.service("llm", "http://127.0.0.1:9");
    gw.route("r", "/v1", "llm");
    keyAuth(Map.of("run_on_preflight", false));
    Outcome o = run(TestRequest.get("/v1").method("OPTIONS").header("X-Consumer-ID", "forged"));
    assertThat(o.proceeded()).isTrue();
    assertThat(o.exchange().consumer()).isNull();
    assertThat(o.exchange().upstreamHeaders().contains("X-Consumer-ID")).isFalse();
    assertThat(run(TestRequest.get("/v1").method("GET")).status()).isEqualTo(401);
  }

  @Test
  void expiredCredentialIsUnauthorized() {
    gw.consumer("carol");
    gw.credential("carol", "carol-old", NOW - 100, 100);
    gw.consumer("dave");
    gw.credential("dave", "dave-new", NOW - 100, 101);
    keyAuth(Map.of());
    assertThat(run(TestRequest.get("/v1").header("apikey", "carol-old")).verdict().message())
        .isEqualTo("Unauthorized");
    assertThat(run(TestRequest.get("/v1").header("apikey", "dave-new")).proceeded()).isTrue();
  }

  @Test
  void credentialIndexMatchesWholeKeysOnly() {
    keyAuth(Map.of());
    CredentialIndex index = CredentialIndex.of(gw.snapshot());
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.find("alice-key").consumerId()).isEqualTo(aliceId);
    assertThat(index.find("alice-key\0")).isNull();
    assertThat(index.find("alice")).isNull();
    assertThat(index.find("")).isNull();
    assertThat(CredentialIndex.of(gw.snapshot())).isSameAs(index);
  }
}
