package dev.llmgateway.internal.plugins.requestsizelimiting;

import dev.llmgateway.schema.Field;
import dev.llmgateway.schema.Schema;

/**
 * The config of one request-size-limiting plugin, as Kong 3.10 has it: the allowed size in binary units
 * ({@code kilobytes} = 1024 bytes, {@code megabytes} = 1048576) and whether a {@code Content-Length} is required.
 */
public record RequestSizeLimitingConfig(long allowedPayloadSize, SizeUnit sizeUnit, boolean requireContentLength) {

  /** The {@code size_unit} values, each with its size in bytes (binary units, as Kong counts them). */
  public enum SizeUnit {
    MEGABYTES(1024L * 1024L), KILOBYTES(1024L), BYTES(1L);

    private final long bytes;

    SizeUnit(long bytes) {
      this.bytes = bytes;
    }

    /** How many bytes one unit is. */
    public long bytes() {
      return bytes;
    }
  }

  /** The schema of request-size-limiting's {@code config} record. */
  public static final Schema SCHEMA = Schema.of("request-size-limiting",
      Field.integer("allowed_payload_size").required().defaultValue(128L)
          .description("Allowed request payload size in size_unit"),
      Field.string("size_unit").required().defaultValue("megabytes").oneOf("megabytes", "kilobytes", "bytes")
          .description("Unit of allowed_payload_size"),
      Field.bool("require_content_length").required().defaultValue(false)
          .description("Refuse requests without a Content-Length (chunked bodies excepted) with 411"));

  /** The limit in bytes (a body of exactly this size passes); a limit too large to count is no limit. */
  public long limitBytes() {
    try {
      return Math.multiplyExact(allowedPayloadSize, sizeUnit.bytes());
    } catch (ArithmeticException e) {
      return allowedPayloadSize < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
