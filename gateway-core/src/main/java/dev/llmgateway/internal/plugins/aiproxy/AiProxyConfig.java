package dev.llmgateway.internal.plugins.aiproxy;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;
import dev.llmgateway.schema.Validator;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The config of one ai-proxy plugin: Kong 3.10's fields and defaults (so Kong's configurations load), plus
 * {@code include_stream_usage}, ours. {@code max_request_body_size} has no default here: unset means 1 MiB, where
 * Kong's default of 8192 silently refuses ordinary long prompts.
 */
public record AiProxyConfig(String routeType, Auth auth, Model model, Logging logging, String responseStreaming,
    Long maxRequestBodySize, boolean modelNameHeader, String llmFormat, boolean includeStreamUsage) {

  /** The body cap when {@code max_request_body_size} is unset. */
  static final int DEFAULT_BODY_CAP = 1 << 20;

  static final Validator URL = v -> {
    try {
      URI u = new URI((String) v);
      if (u.getScheme() == null || u.getHost() == null
          || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
        return "missing host in url";
      }
      return null;
    } catch (URISyntaxException e) {
      return "missing host in url";
    }
  };

  /** {@code config.auth}: what the gateway adds to the upstream request. */
  public record Auth(String headerName, String headerValue, String paramName, String paramValue,
      String paramLocation, boolean allowOverride) {
    static final Schema SCHEMA = Schema.of("auth",
        Field.string("header_name").description("Header to add upstream, e.g. Authorization"),
        Field.string("header_value").description("Its value, e.g. Bearer <key>; never logged"),
        Field.string("param_name"),
        Field.string("param_value"),
        Field.string("param_location").oneOf("query", "body"),
        Field.bool("azure_use_managed_identity").defaultValue(false),
        Field.string("azure_client_id"),
        Field.string("azure_client_secret"),
        Field.string("azure_tenant_id"),
        Field.bool("gcp_use_service_account").defaultValue(false),
        Field.string("gcp_service_account_json"),
        Field.string("aws_access_key_id"),
        Field.string("aws_secret_access_key"),
        Field.bool("allow_override").defaultValue(false)
            .description("Keep the client's own header or parameter of that name"));

    /** No auth added upstream: what an absent {@code config.auth} means. */
    static final Auth NONE = new Auth(null, null, null, null, null, false);
  }

  /** {@code config.model}. */
  public record Model(String provider, String name, Options options) {
    static final Schema SCHEMA = Schema.of("model",
        Field.string("provider").required().oneOf("openai", "azure", "anthropic", "cohere", "mistral", "llama2",
            "gemini", "bedrock", "huggingface"),
        Field.string("name").description("The model to use; a request naming another gets 400"),
        Field.record("options", Options.SCHEMA));

    public Model {
      options = options != null ? options : Options.NONE;
    }
  }

  /** {@code config.model.options}. */
  public record Options(Long maxTokens, Double inputCost, Double outputCost, Double temperature, Double topP,
      Integer topK, String llama2Format, String mistralFormat, String upstreamUrl, String upstreamPath) {
    static final Schema SCHEMA = Schema.of("options",
        Field.integer("max_tokens"),
        Field.number("input_cost").greaterThan(0),
        Field.number("output_cost").greaterThan(0),
        Field.number("temperature").validate(range(0, 5)),
        Field.number("top_p").validate(range(0, 1)),
        Field.integer("top_k").between(0, 500),
        Field.string("anthropic_version"),
        Field.string("azure_instance"),
        Field.string("azure_api_version").defaultValue("2023-05-15"),
        Field.string("azure_deployment_id"),
        Field.string("llama2_format").oneOf("raw", "openai", "ollama"),
        Field.string("mistral_format").oneOf("openai", "ollama"),
        Field.string("upstream_url").validate(URL),
        Field.string("upstream_path"),
        Field.record("gemini", Schema.of("gemini", Field.string("api_endpoint"), Field.string("project_id"),
            Field.string("location_id"))),
        Field.record("bedrock", Schema.of("bedrock", Field.string("aws_region"))),
        Field.record("huggingface", Schema.of("huggingface", Field.bool("use_cache"),
            Field.bool("wait_for_model"))));

    /** No options: what an absent {@code config.model.options} means. */
    static final Options NONE = new Options(null, null, null, null, null, null, null, null, null, null);

    /** {@code max_tokens} as sent upstream: capped at {@code Integer.MAX_VALUE}, as it always was; null when unset. */
    Long upstreamMaxTokens() {
      return maxTokens == null ? null : Math.min(Integer.MAX_VALUE, maxTokens);
    }
  }

  /** {@code config.logging}. */
  public record Logging(boolean logStatistics, boolean logPayloads) {
    static final Schema SCHEMA = Schema.of("logging",
        Field.bool("log_statistics").required().defaultValue(false)
            .description("Put the ai figures (model, tokens, latency) in the access log"),
        Field.bool("log_payloads").required().defaultValue(false));

    /** Nothing logged: what an absent {@code config.logging} means. */
    static final Logging NONE = new Logging(false, false);
  }

  /** The schema of ai-proxy's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("ai-proxy",
      Field.string("route_type").required().oneOf("llm/v1/chat", "llm/v1/completions", "preserve")
          .description("The OpenAI API the route serves"),
      Field.record("auth", Auth.SCHEMA),
      Field.record("model", Model.SCHEMA).required(),
      Field.record("logging", Logging.SCHEMA).required(),
      Field.string("response_streaming").defaultValue("allow").oneOf("allow", "deny", "always"),
      Field.integer("max_request_body_size").greaterThan(0)
          .description("Largest request body read, in bytes (unset: 1 MiB); larger bodies get 413"),
      Field.bool("model_name_header").defaultValue(true).description("Send X-Kong-LLM-Model to the client"),
      Field.string("llm_format").defaultValue("openai").oneOf("openai", "bedrock", "gemini"),
      Field.bool("include_stream_usage").defaultValue(true)
          .description("Ask the upstream for a usage chunk on streams, hidden from clients that did not ask"));

  private static Validator range(double min, double max) {
    return v -> {
      double d = ((Number) v).doubleValue();
      return d >= min && d <= max ? null : "value should be between " + fmt(min) + " and " + fmt(max);
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * Absent records and explicit nulls of defaulted fields (Kong keeps an explicit null over a default) read as
   * their defaults, so the plugin never checks for null.
   */
  public AiProxyConfig {
    auth = auth != null ? auth : Auth.NONE;
    logging = logging != null ? logging : Logging.NONE;
    responseStreaming = responseStreaming != null ? responseStreaming : "allow";
    llmFormat = llmFormat != null ? llmFormat : "openai";
  }

  /** The request body cap in bytes. */
  int bodyCap() {
    return maxRequestBodySize == null ? DEFAULT_BODY_CAP : (int) Math.min(Integer.MAX_VALUE, maxRequestBodySize);
  }
}
