package dev.llmgateway.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.testkit.GatewayExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example plugin tested as a plugin author would, with the testkit (the README shows this test). */
class ModelAllowlistPluginTest {
  @RegisterExtension
  final GatewayExtension gw = GatewayExtension.withPlugins(new ModelAllowlistType());

  @Test
  void refusesAModelOffTheList() throws Exception {
    gw.route("/v1", "model-allowlist", Map.of("allow", List.of("llama")));
    assertThat(gw.post("/v1/chat/completions", "{\"model\":\"gpt-4\"}").statusCode()).isEqualTo(403);
    assertThat(gw.post("/v1/chat/completions", "{\"model\":\"llama\"}").statusCode()).isEqualTo(200);
    assertThat(gw.upstream().last().bodyText()).contains("llama");
    assertThat(gw.upstream().count()).isOne();
  }
}
