package dev.llmgateway.internal.plugins.requestsizelimiting;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.util.Locale;

/**
 * One configured request-size-limiting plugin (Kong's {@code handler.lua}): a numeric {@code Content-Length} over
 * the limit is refused at once with 413 (417 under {@code Expect: 100-continue}), before any body byte is read; a
 * chunked body is counted as it streams and refused the same way when it crosses the limit; without either, and
 * with {@code require_content_length}, the request gets 411.
 */
final class RequestSizeLimitingPlugin implements Plugin {
  static final String TOO_LARGE = "Request size limit exceeded";
  static final String LENGTH_REQUIRED = "A valid Content-Length header is required";

  private final RequestSizeLimitingConfig conf;
  private final long limit;

  RequestSizeLimitingPlugin(RequestSizeLimitingConfig conf) {
    this.conf = conf;
    this.limit = conf.limitBytes();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    int status = expectsContinue(ctx) ? 417 : 413;
    byte[] buffered = ctx.requestBody();
    if (buffered != null) {
      return buffered.length > limit ? Verdict.error(status, TOO_LARGE) : Verdict.proceed();
    }
    Long length = contentLength(ctx.request().headers().first("Content-Length"));
    if (length != null) {
      return length > limit ? Verdict.error(status, TOO_LARGE) : Verdict.proceed();
    }
    String te = ctx.request().headers().first("Transfer-Encoding");
    if (conf.requireContentLength() && !"chunked".equals(te)) {
      return Verdict.error(411, LENGTH_REQUIRED);
    }
    // Kong reads the whole body before checking; counting it as it streams refuses the same bodies unbuffered.
    ctx.upstream().limitBody(limit, status, TOO_LARGE);
    return Verdict.proceed();
  }

  private static boolean expectsContinue(AccessContext ctx) {
    String expect = ctx.request().headers().first("Expect");
    return expect != null && expect.strip().toLowerCase(Locale.ROOT).equals("100-continue");
  }

  private static Long contentLength(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
