package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.schema.EntityCheck;
import dev.llmgateway.schema.FieldErrors;
import dev.llmgateway.schema.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * rate-limiting's checks across fields, worded and placed as Kong places them: the limit order and
 * {@code sync_rate} rules on {@code config} itself, "at least one limit" on the plugin, and the conditional
 * requirements on {@code config.header_name}, {@code config.path} and {@code config.redis.*}.
 */
final class RateLimitingChecks {
  private static final double SYNC_RATE_REALTIME = -1;

  private RateLimitingChecks() {}

  static List<EntityCheck> all() {
    return List.of(RateLimitingChecks::configRecord, RateLimitingChecks::atLeastOneLimit,
        RateLimitingChecks::conditionals);
  }

  /** Kong's {@code custom_validator} of the config record: its error replaces the whole {@code config} field. */
  private static void configRecord(Map<String, Object> plugin, FieldErrors errors) {
    Row c = config(plugin);
    if (c == null) {
      return;
    }
    String message = periodOrder(c);
    if (message == null) {
      message = syncRate(c);
    }
    if (message != null) {
      errors.put("config", message);
    }
  }

  private static String periodOrder(Row c) {
    Period[] periods = Period.all();
    for (int i = 0; i < periods.length; i++) {
      Double lower = c.numberOrNull(periods[i].field());
      if (lower == null) {
        continue;
      }
      for (int j = i + 1; j < periods.length; j++) {
        Double upper = c.numberOrNull(periods[j].field());
        if (upper != null && upper < lower) {
          return String.format(Locale.ROOT, "The limit for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
              periods[j].field(), upper, periods[i].field(), lower);
        }
      }
    }
    return null;
  }

  private static String syncRate(Row c) {
    double syncRate = c.numberOrNull("sync_rate");
    boolean redis = "redis".equals(c.string("policy"));
    if (!redis && syncRate != SYNC_RATE_REALTIME) {
      return "sync_rate can only be used with the redis policy";
    }
    if (redis && syncRate != SYNC_RATE_REALTIME && syncRate < 0.02) {
      return "sync_rate must be greater than 0.02, or -1 to disable";
    }
    return null;
  }

  private static void atLeastOneLimit(Map<String, Object> plugin, FieldErrors errors) {
    Row c = config(plugin);
    if (c == null) {
      return;
    }
    for (Period p : Period.all()) {
      if (c.numberOrNull(p.field()) != null) {
        return;
      }
    }
    errors.entity("at least one of these fields must be non-empty: 'config.second', 'config.minute', "
        + "'config.hour', 'config.day', 'config.month', 'config.year'");
  }

  private static void conditionals(Map<String, Object> plugin, FieldErrors errors) {
    Row c = config(plugin);
    if (c == null) {
      return;
    }
    if ("redis".equals(c.string("policy"))) {
      Row redis = c.record("redis");
      for (String field : List.of("host", "port", "timeout")) {
        if (redis == null || redis.get(field) == null) {
          errors.nested("config").nested("redis").put(field, "required field missing");
        }
      }
    }
    if ("header".equals(c.string("limit_by")) && c.get("header_name") == null) {
      errors.nested("config").put("header_name", "required field missing");
    }
    if ("path".equals(c.string("limit_by")) && c.get("path") == null) {
      errors.nested("config").put("path", "required field missing");
    }
  }

  private static Row config(Map<String, Object> plugin) {
    return plugin.get("config") instanceof Row r ? r : null;
  }
}
