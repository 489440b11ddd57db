package dev.llmgateway.internal.plugins.requesttransformer;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.UpstreamRequest;
import dev.llmgateway.plugin.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One configured request-transformer plugin (Kong's {@code access.lua}): changes the upstream request in Kong's
 * order — path, method, headers, body, query string — each through remove, rename, replace, add and append. Bodies
 * are changed only when they are JSON or form-encoded and held whole (up to {@link Plugin#REWRITE_LIMIT}).
 */
final class RequestTransformerPlugin implements Plugin {
  private static final Set<String> QUERY_METHODS = Set.of("GET", "HEAD", "TRACE");

  private final RequestTransformerConfig conf;
  /** The five operations in Kong's order, their entries parsed once here rather than per request. */
  private final List<Edits> inOrder;
  private final boolean body;
  private final boolean query;

  RequestTransformerPlugin(RequestTransformerConfig conf) {
    this.conf = conf;
    this.inOrder = List.of(Edits.of(Operation.REMOVE, conf.remove()), Edits.of(Operation.RENAME, conf.rename()),
        Edits.of(Operation.REPLACE, conf.replace().operations()), Edits.of(Operation.ADD, conf.add()),
        Edits.of(Operation.APPEND, conf.append()));
    this.body = conf.touchesBody();
    this.query = inOrder.stream().anyMatch(o -> !o.querystring().isEmpty());
  }

  @Override
  public int requestBodyLimit() {
    return body || (conf.httpMethod() != null && QUERY_METHODS.contains(conf.httpMethod())) ? REWRITE_LIMIT : 0;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    UpstreamRequest up = ctx.upstream();
    if (conf.replace().uri() != null) {
      up.setPath(conf.replace().uri());
    }
    Args mergedForm = null;
    if (conf.httpMethod() != null) {
      up.setMethod(conf.httpMethod());
      if (QUERY_METHODS.contains(conf.httpMethod()) && isForm(ctx) && ctx.requestBody() != null) {
        mergedForm = Args.parse(new String(ctx.requestBody(), StandardCharsets.UTF_8));
      }
    }
    MutableHeaders headers = up.headers();
    for (Edits e : inOrder) {
      HeaderEdits.apply(headers, e.op(), e.headers());
    }
    if (body && ctx.requestBody() != null) {
      byte[] changed = transformBody(ctx, ctx.request().headers().first("Content-Type"));
      if (changed != null) {
        up.replaceBody(changed);
      }
    }
    if (query || mergedForm != null) {
      Args args = Args.parse(up.query());
      if (mergedForm != null) {
        args.merge(mergedForm);
      }
      for (Edits e : inOrder) {
        args.apply(e.op(), e.querystring());
      }
      up.setQuery(args.encode());
    }
    return Verdict.proceed();
  }

  private static boolean isForm(AccessContext ctx) {
    String type = ctx.request().headers().first("Content-Type");
    return type != null && type.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded");
  }

  /** The changed body, or null when it stays as it is (another type, or not an object). */
  private byte[] transformBody(AccessContext ctx, String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    String text = new String(ctx.requestBody(), StandardCharsets.UTF_8);
    boolean empty = text.isEmpty();
    if (type.contains("application/json")) {
      Map<String, Object> json = JsonFields.parse(text);
      if (json == null) {
        return null;
      }
      for (Edits e : inOrder) {
        if (!empty || e.op() == Operation.ADD || e.op() == Operation.APPEND) {
          JsonFields.apply(json, e.op(), e.body());
        }
      }
      return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }
    if (type.contains("application/x-www-form-urlencoded")) {
      Args form = Args.parse(text);
      for (Edits e : inOrder) {
        if (!empty || e.op() == Operation.ADD || e.op() == Operation.APPEND) {
          form.apply(e.op(), e.body());
        }
      }
      return form.encode().getBytes(StandardCharsets.UTF_8);
    }
    return null; // multipart bodies pass unchanged (see docs/plugins.md)
  }
}
