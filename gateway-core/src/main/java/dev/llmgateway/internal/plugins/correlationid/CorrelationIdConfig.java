package dev.llmgateway.internal.plugins.correlationid;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;

/**
 * The config of one correlation-id plugin, bound from its schema by the gateway: the header, how ids are made
 * ({@code generator} stays a String: {@code uuid#counter} is no enum name), and whether the client sees it. An
 * explicit null {@code header_name}, which the schema accepts, means the default header.
 */
public record CorrelationIdConfig(String headerName, String generator, boolean echoDownstream) {

  /** The schema of correlation-id's {@code config} record (Kong 3.10). */
  public static final Schema SCHEMA = Schema.of("correlation-id",
      Field.string("header_name").defaultValue("Kong-Request-ID")
          .description("The header that carries the correlation id"),
      Field.string("generator").required().defaultValue("uuid#counter").oneOf("uuid", "uuid#counter", "tracker")
          .description("How a missing id is made"),
      Field.bool("echo_downstream").required().defaultValue(false)
          .description("Also send the header back to the client"));

  public CorrelationIdConfig {
    headerName = headerName != null ? headerName : (String) SCHEMA.field("header_name").defaultValue();
  }
}
