package dev.llmgateway.internal.plugins.responsetransformer;

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
  private final List<String> remove;
  // The name:value entries split once here, not per response.
  private final List<JsonBody.Entry> rename;
  private final List<JsonBody.Entry> replace;
  private final List<JsonBody.Entry> add;
  private final List<JsonBody.Entry> append;
  private final JsonBody json;

  ResponseTransformerPlugin(ResponseTransformerConfig conf) {
    this.remove = conf.remove().headers();
    this.rename = JsonBody.Entry.all(conf.rename().headers());
    this.replace = JsonBody.Entry.all(conf.replace().headers());
    this.add = JsonBody.Entry.all(conf.add().headers());
    this.append = JsonBody.Entry.all(conf.append().headers());
    this.json = conf.touchesJson() ? new JsonBody(conf) : null;
  }

  @Override
  public void responseHeaders(ResponseContext ctx) {
    MutableHeaders h = ctx.responseHeaders();
    for (String name : remove) {
      h.remove(name);
    }
    for (JsonBody.Entry p : rename) {
      List<String> values = List.copyOf(h.all(p.name()));
      if (!values.isEmpty()) {
        h.remove(p.name());
        h.remove(p.text());
        for (String v : values) {
          h.add(p.text(), v);
        }
      }
    }
    for (JsonBody.Entry p : replace) {
      if (h.contains(p.name())) {
        h.set(p.name(), p.text());
      }
    }
    for (JsonBody.Entry p : add) {
      if (!h.contains(p.name())) {
        h.set(p.name(), p.text());
      }
    }
    for (JsonBody.Entry p : append) {
      h.add(p.name(), p.text());
    }
  }

  @Override
  public BodyRewriter rewriteBody(ResponseContext ctx) {
    return json != null && JsonBody.isJson(ctx.responseHeaders().first("Content-Type"))
        ? BodyRewriter.whole(ctx, json::rewrite) : null;
  }
}
