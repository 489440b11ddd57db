package dev.llmgateway.internal.plugins.correlationid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.pipeline.ConfigBinder;
import dev.llmgateway.internal.plugins.testing.TestGateway;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** correlation-id's config record as the gateway binds it. */
class CorrelationIdConfigTest {
  private final TestGateway gw = new TestGateway(new CorrelationIdType());

  private CorrelationIdConfig bind(Map<String, Object> config) {
    return ConfigBinder.of("correlation-id", CorrelationIdConfig.class, CorrelationIdConfig.SCHEMA)
        .bind(gw.validatePlugin("correlation-id", config, Map.of()).record("config"));
  }

  @Test
  void theRecordMatchesTheSchemaAndTakesKongsDefaults() {
    assertThat(gw.registry().names()).contains("correlation-id");
    assertThat(bind(Map.of())).isEqualTo(new CorrelationIdConfig("Kong-Request-ID", "uuid#counter", false));
    assertThat(bind(Map.of("header_name", "X-Trace", "generator", "tracker", "echo_downstream", true)))
        .isEqualTo(new CorrelationIdConfig("X-Trace", "tracker", true));
  }

  @Test
  void anExplicitNullHeaderNameMeansTheDefaultHeader() {
    Map<String, Object> in = new HashMap<>();
    in.put("header_name", null);
    assertThat(bind(in).headerName()).isEqualTo("Kong-Request-ID");
  }
}
