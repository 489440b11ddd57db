package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;

/**
 * The config of one prometheus plugin, bound from its schema by the gateway: Kong's switches, each off by default,
 * one per family of metrics.
 */
public record PrometheusConfig(boolean perConsumer, boolean statusCodeMetrics, boolean latencyMetrics,
    boolean bandwidthMetrics, boolean upstreamHealthMetrics, boolean aiMetrics, boolean wasmMetrics) {

  /** The schema of prometheus's {@code config} record (Kong 3.10). */
  public static final Schema SCHEMA = Schema.of("prometheus",
      Field.bool("per_consumer").defaultValue(false)
          .description("Fill the consumer label of kong_http_requests_total and kong_bandwidth_bytes"),
      Field.bool("status_code_metrics").defaultValue(false)
          .description("Export kong_http_requests_total (and the gateway's disconnect and rejection counters)"),
      Field.bool("ai_metrics").defaultValue(false)
          .description("Export the kong_ai_llm_* metrics and the OpenTelemetry gen_ai_* metrics"),
      Field.bool("latency_metrics").defaultValue(false)
          .description("Export kong_kong_latency_ms, kong_upstream_latency_ms, kong_request_latency_ms"),
      Field.bool("bandwidth_metrics").defaultValue(false)
          .description("Export kong_bandwidth_bytes"),
      Field.bool("upstream_health_metrics").defaultValue(false)
          .description("Export kong_upstream_target_health (global: any instance turns it on)"),
      Field.bool("wasm_metrics").defaultValue(false)
          .description("Accepted for compatibility; there are no Wasm filters here"));
}
