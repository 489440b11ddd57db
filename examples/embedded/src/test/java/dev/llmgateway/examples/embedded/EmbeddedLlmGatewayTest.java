package dev.llmgateway.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.undertow.embed.EmbeddedGateway;
import dev.llmgateway.testkit.RecordingUpstream;
import dev.llmgateway.testkit.UpstreamReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedLlmGatewayTest {
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<String> chat(URI base, String model) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve("/v1/vllm/v1/chat/completions"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[]}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theServiceLoaderPluginGuardsModelsAndChangesAtRunTime() throws Exception {
    try (RecordingUpstream vllm = RecordingUpstream.start()
            .respond(r -> UpstreamReply.json("{\"path\":\"" + r.path() + "\"}"));
        EmbeddedGateway gateway = EmbeddedLlmGateway.start("127.0.0.1", 0, vllm.url(), List.of("small"))) {
      assertThat(gateway.pluginNames()).as("found by ServiceLoader").contains(ModelAllowlistType.NAME);
      URI base = gateway.proxyUri();

      HttpResponse<String> allowed = chat(base, "small");
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).contains("\"path\":\"/v1/chat/completions\"");
      assertThat(vllm.last().bodyText()).contains("\"model\":\"small\"");

      HttpResponse<String> refused = chat(base, "huge");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("model 'huge' is not allowed on this route");
      assertThat(vllm.count()).as("a refused model never reaches vLLM").isEqualTo(1);

      EmbeddedLlmGateway.allow(gateway, "huge");
      assertThat(chat(base, "huge").statusCode()).isEqualTo(200);
      HttpResponse<String> models = client.send(HttpRequest.newBuilder(base.resolve("/v1/vllm/v1/models"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).as("requests without a body pass").isEqualTo(200);
    }
  }
}
