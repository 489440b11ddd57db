package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.internal.plugins.keyauth.KeyAuthType;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.undertow.embed.PluginScope;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * key-auth's anonymous consumer, preflight and key expiry through a real gateway (key-auth on a clock fixed at
 * {@link #NOW}). Moved from gateway-core's test against the hand-written TestExchange.
 */
class KeyAuthAnonymousTest extends KeyAuthFixture {
  static final long NOW = 1_700_000_100L;

  /** Authenticates the consumer its config names (as another auth plugin would), or shows who is authenticated. */
  record ProbeConfig(String authenticate) {}

  /** {@code priority} above key-auth's 1250 runs before it, below after it. */
  static final class ProbeType implements PluginType<ProbeConfig> {
    private final String name;
    private final int priority;

    ProbeType(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Schema configSchema() {
      return Schema.of(name, Field.string("authenticate"));
    }

    @Override
    public Class<ProbeConfig> configType() {
      return ProbeConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<ProbeConfig> setup) {
      String who = setup.config().authenticate();
      return new Plugin() {
        @Override
        public Verdict access(AccessContext ctx) {
          if (who != null) {
            ctx.authenticate(ctx.config().consumer(who), "cred-from-another-plugin");
          } else {
            ctx.upstream().headers().set("X-Probe-Consumer", ctx.consumer() == null ? "none"
                : ctx.consumer().username() + "/" + ctx.credentialId());
          }
          return Verdict.proceed();
        }
      };
    }
  }

  @Override
  PluginType<?>[] types() {
    return new PluginType<?>[] {new KeyAuthType(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)),
        new ProbeType("pre-auth", 2000), new ProbeType("probe", 1)};
  }

  String guest() {
    return gw.entities().create("consumers", Map.of("username", "guest")).uuid("id").toString();
  }

  @Test
  void anonymousByIdOrUsername() throws Exception {
    String guest = guest();
    keyAuth(Map.of("anonymous", guest));
    HttpResponse<String> byId = get("/v1", "X-Credential-Identifier", "forged");
    assertThat(proceeded(byId)).isTrue();
    RecordedRequest seen = gw.upstream().last();
    assertThat(seen.header("X-Consumer-ID")).isEqualTo(guest);
    assertThat(seen.header("X-Anonymous-Consumer")).isEqualTo("true");
    assertThat(seen.header("X-Consumer-Username")).isEqualTo("guest");
    assertThat(seen.header("X-Credential-Identifier")).isNull(); // no credential: the forged one is gone too
    assertThat(proceeded(get("/v1", "apikey", "alice-key"))).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("alice");
    assertThat(upstreamHeader("X-Anonymous-Consumer")).isNull();
  }

  @Test
  void anonymousByUsernameCoversWrongKeys() throws Exception {
    guest();
    keyAuth(Map.of("anonymous", "guest"));
    assertThat(proceeded(get("/v1", "apikey", "wrong"))).isTrue();
    assertThat(upstreamHeader("X-Consumer-Username")).isEqualTo("guest");
  }

  @Test
  void missingAnonymousConsumerIs500() throws Exception {
    keyAuth(Map.of("anonymous", "nobody"));
    HttpResponse<String> r = get("/v1");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(message(r)).isEqualTo("An unexpected error occurred");
  }

  @Test
  void anonymousModeSkipsAlreadyAuthenticatedRequests() throws Exception {
    guest();
    keyAuth(Map.of("anonymous", "guest"));
    gw.entities().apply(tx -> {
      tx.addPlugin("pre-auth", PluginScope.route("route-v1"), Map.of("authenticate", "bob"));
      return tx.addPlugin("probe", PluginScope.route("route-v1"), Map.of());
    });
    assertThat(proceeded(get("/v1"))).isTrue();
    assertThat(upstreamHeader("X-Probe-Consumer")).isEqualTo("bob/cred-from-another-plugin");
    assertThat(upstreamHeader("X-Anonymous-Consumer")).isNull();
  }

  @Test
  void preflightSkipsOnlyWhenAsked() throws Exception {
    keyAuth(Map.of());
    assertThat(gw.send(gw.request("/v1").method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode())
        .isEqualTo(401);
    gw.route("/v2", "key-auth", Map.of("run_on_preflight", false));
    HttpResponse<String> r = gw.send(gw.request("/v2", "X-Consumer-ID", "forged")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(proceeded(r)).isTrue();
    assertThat(upstreamHeader("X-Consumer-ID")).isNull();
    assertThat(upstreamHeader("X-Consumer-Username")).isNull(); // no consumer
    assertThat(get("/v2").statusCode()).isEqualTo(401);
  }

  @Test
  void expiredCredentialIsUnauthorized() throws Exception {
    keyAuth(Map.of());
    gw.entities().apply(tx -> {
      tx.addConsumer("carol");
      tx.create("keyauth_credentials", Map.of("consumer", Map.of("username", "carol"), "key", "carol-old",
          "created_at", NOW - 100, "ttl", 100L));
      tx.addConsumer("dave");
      return tx.create("keyauth_credentials", Map.of("consumer", Map.of("username", "dave"), "key", "dave-new",
          "created_at", NOW - 100, "ttl", 101L));
    });
    assertThat(message(get("/v1", "apikey", "carol-old"))).isEqualTo("Unauthorized");
    assertThat(proceeded(get("/v1", "apikey", "dave-new"))).isTrue();
  }
}
