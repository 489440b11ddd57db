package dev.llmgateway.internal.plugins.ratelimiting;

import dev.llmgateway.entity.UuidText;
import dev.llmgateway.plugin.AccessContext;

/**
 * What a request is counted by ({@code limit_by}), with Kong's fallback to the client IP whenever the chosen
 * identity is missing: no consumer or credential, no service, no such header, or another path than
 * {@code config.path}.
 */
final class Identifier {
  private Identifier() {}

  static String of(RateLimitingConfig conf, AccessContext ctx) {
    String limitBy = conf.limitBy() == null ? "ip" : conf.limitBy();
    String id = switch (limitBy) {
      case "consumer" -> ctx.consumer() != null ? UuidText.of(ctx.consumer().id()) : ctx.credentialId();
      case "credential" -> ctx.credentialId();
      case "service" -> ctx.service() == null ? null : UuidText.of(ctx.service().id());
      case "header" -> ctx.request().headers().first(conf.headerName());
      case "path" -> ctx.request().path().equals(conf.path()) ? ctx.request().path() : null;
      default -> null;
    };
    return id != null ? id : ctx.request().clientIp();
  }
}
