package dev.llmgateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.PluginSetup;
import dev.llmgateway.plugin.PluginType;
import dev.llmgateway.plugin.Verdict;
import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension itself: a plugin of the test's own, its config validated, its effect seen upstream. */
class GatewayExtensionTest {
  /** Adds a header upstream, or refuses with 418 when asked to. */
  /** The stamp plugin's config. */
  record StampConfig(String value, boolean refuse) {}

  static final class StampType implements PluginType<StampConfig> {
    @Override
    public String name() {
      return "stamp";
    }

    @Override
    public int priority() {
      return 10;
    }

    @Override
    public Schema configSchema() {
      return Schema.of("stamp", Field.string("value").required(), Field.bool("refuse").required().defaultValue(false));
    }

    @Override
    public Class<StampConfig> configType() {
      return StampConfig.class;
    }

    @Override
    public Plugin create(PluginSetup<StampConfig> setup) {
      String value = setup.config().value();
      boolean refuse = setup.config().refuse();
      return new Plugin() {
        @Override
        public Verdict access(AccessContext ctx) {
          if (refuse) {
            return Verdict.error(418, "stamped " + value);
          }
          ctx.upstream().headers().set("X-Stamp", value);
          return Verdict.proceed();
        }
      };
    }
  }

  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(new StampType());

  @Test
  void aPluginOfTheTestsOwnRunsOnItsRoute() throws Exception {
    gw.route("/v1", "stamp", Map.of("value", "s1"));
    gw.upstream().respond(r -> UpstreamReply.json("{\"path\":\"" + r.path() + "\"}"));
    HttpResponse<String> r = gw.post("/v1/chat/completions", "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"path\":\"/chat/completions\"}");
    assertThat(gw.upstream().last().header("X-Stamp")).isEqualTo("s1");
    assertThat(gw.upstream().last().method()).isEqualTo("POST");
  }

  @Test
  void aRefusingPluginKeepsTheRequestFromTheUpstream() throws Exception {
    gw.route("/v1", "stamp", Map.of("value", "no", "refuse", true));
    gw.route("/open");
    HttpResponse<String> refused = gw.get("/v1/models");
    assertThat(refused.statusCode()).isEqualTo(418);
    assertThat(refused.body()).contains("\"message\":\"stamped no\"");
    assertThat(gw.upstream().count()).isZero();
    assertThat(gw.get("/open/x").statusCode()).isEqualTo(200);
    assertThat(gw.upstream().count()).isOne();
  }

  @Test
  void aBadConfigIsTheAdminApisSchemaViolation() {
    assertThatThrownBy(() -> gw.route("/v1", "stamp", Map.of()))
        .hasMessageContaining("required field missing");
  }
}
