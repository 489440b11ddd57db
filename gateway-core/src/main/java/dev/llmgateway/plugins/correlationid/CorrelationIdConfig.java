package dev.llmgateway.plugins.correlationid;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Row;
import dev.llmgateway.schema.Schema;

/** The config of one correlation-id plugin: the header, how ids are made, and whether the client sees it. */
public record CorrelationIdConfig(String headerName, String generator, boolean echoDownstream) {

  /** The schema of correlation-id's {@code config} record (Kong 3.10). */
  public static final Schema SCHEMA = Schema.of("correlation-id",
      Field.string("header_name").defaultValue("Kong-Request-ID")
          .description("The header that carries the correlation id"),
      Field.string("generator").required().defaultValue("uuid#counter").oneOf("uuid", "uuid#counter", "tracker")
          .description("How a missing id is made"),
      Field.bool("echo_downstream").required().defaultValue(false)
          .description("Also send the header back to the client"));

  /** The typed view of a validated config row. */
  public static CorrelationIdConfig of(Row row) {
    return new CorrelationIdConfig(row.string("header_name", "Kong-Request-ID"), row.string("generator"),
        row.bool("echo_downstream"));
  }
}
