package dev.llmgateway.plugins.responsetransformer;

import dev.llmgateway.plugin.BodyRewriter;
import dev.llmgateway.plugin.MutableHeaders;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.ResponseContext;
import java.util.List;

/**
 * One configured response-transformer plugin (Kong's {@code header_transformer} and {@code body_transformer}):
 * header edits on every response, proxied or the gateway's own; JSON edits on proxied JSON bodies the gateway
 * offers whole — never on a stream (SSE, chunked without length), which passes untouched.
 */
final class ResponseTransformerPlugin implements Plugin {
  private final ResponseTransformerConfig conf;
  private final JsonBody json;

  ResponseTransformerPlugin(ResponseTransformerConfig conf) {
    this.conf = conf;
    this.json = conf.touchesJson() ? new JsonBody(conf) : null;
  }

  @Override
  public void responseHeaders(ResponseContext ctx) {
    MutableHeaders h = ctx.responseHeaders();
    for (String name : conf.remove().headers()) {
      h.remove(name);
    }
    for (String entry : conf.rename().headers()) {
      String[] p = JsonBody.pair(entry);
      List<String> values = List.copyOf(h.all(p[0]));
      if (!values.isEmpty()) {
        h.remove(p[0]);
        h.remove(p[1]);
        for (String v : values) {
          h.add(p[1], v);
        }
      }
    }
    for (String entry : conf.replace().headers()) {
      String[] p = JsonBody.pair(entry);
      if (h.contains(p[0])) {
        h.set(p[0], p[1]);
      }
    }
    for (String entry : conf.add().headers()) {
      String[] p = JsonBody.pair(entry);
      if (!h.contains(p[0])) {
        h.set(p[0], p[1]);
      }
    }
    for (String entry : conf.append().headers()) {
      String[] p = JsonBody.pair(entry);
      h.add(p[0], p[1]);
    }
  }

  @Override
  public BodyRewriter rewriteBody(ResponseContext ctx) {
    return json != null && JsonBody.isJson(ctx.responseHeaders().first("Content-Type"))
        ? BodyRewriter.whole(ctx, json::rewrite) : null;
  }
}
