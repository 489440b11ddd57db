package dev.llmgateway.internal.plugins.modelrouter;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import java.util.List;
import java.util.Objects;

/** The config of one ai-model-router plugin, bound from its schema by the gateway. */
public record ModelRouterConfig(List<Model> models, String modelsPath, int maxRequestBodySize, boolean openaiErrors,
    boolean includeStreamUsage, double modelsRefreshInterval, int modelsRefreshTimeout, int modelsStaleAfter,
    List<String> modelsRefreshServices) {

  /**
   * One model clients may ask for.
   *
   * @param name the model name clients send
   * @param service the service (name or id) that serves it; null: the route's own service
   * @param upstream an Upstream entity serving it (the route's service with this host); null: not used
   * @param upstreamModel the name sent upstream instead of {@code name} (an alias); null: {@code name}
   */
  public record Model(String name, String service, String upstream, String upstreamModel) {
    static final Schema SCHEMA = Schema.of("model",
        Field.string("name").required().lenMin(1).description("The model name clients send"),
        Field.string("service").description("The service (name or id) serving it; default: the route's"),
        Field.string("upstream").description("An Upstream entity serving it, used as the route service's host"),
        Field.string("upstream_model").description("The name sent upstream (an alias); default: name"));

    /** The model name sent upstream. */
    String sentName() {
      return upstreamModel == null ? name : upstreamModel;
    }
  }

  public static final Schema SCHEMA = Schema.of("ai-model-router",
      Field.array("models", Field.record("model", Model.SCHEMA))
          .description("The models behind the route and where each is served"),
      Field.string("models_path").defaultValue("/v1/models").startsWith("/")
          .description("GET on a path ending with this answers the list of models"),
      Field.integer("max_request_body_size").defaultValue(1048576L).between(1, 64L * 1024 * 1024)
          .description("Largest request body read to find the model; larger bodies get 413"),
      Field.bool("openai_errors").defaultValue(true)
          .description("The gateway's own errors on the route also carry OpenAI's error object"),
      Field.bool("include_stream_usage").defaultValue(true)
          .description("Ask the engine for a usage chunk on streams, hidden from clients that did not ask"),
      Field.number("models_refresh_interval").defaultValue(0L).between(0, 86_400)
          .description("Seconds between reads of each backend's own model list (models_path); 0: never"),
      Field.integer("models_refresh_timeout").defaultValue(2000L).between(1, 60_000)
          .description("Milliseconds one backend's model list may take"),
      Field.integer("models_stale_after").defaultValue(3L).between(1, 1000)
          .description("Failed reads in a row after which a backend's last model list is dropped"),
      Field.array("models_refresh_services", Field.string("service"))
          .description("More services (names or ids) whose model lists are read, besides those models name"));

  /** An explicit null {@code models_path} (Kong keeps it over the default) reads as the default. */
  public ModelRouterConfig {
    models = models == null ? List.of() : models.stream().filter(Objects::nonNull).toList(); // null entries skipped
    modelsPath = modelsPath != null ? modelsPath : "/v1/models";
    modelsRefreshServices = modelsRefreshServices == null ? List.of()
        : modelsRefreshServices.stream().filter(Objects::nonNull).toList();
  }
}
