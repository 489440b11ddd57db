package dev.llmgateway.internal.plugins.keyauth;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.ClientRequest;
import dev.llmgateway.plugin.MutableHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hide_credentials}: removes the key from the upstream request. The name the key came under is cleared
 * everywhere (header, query argument, body field), as Kong does; every other key name and the
 * {@code Authorization} header are removed only where they carry the same key, so another {@code Authorization}
 * value (vLLM's own {@code --api-key}) passes through.
 */
final class CredentialHiding {
  private CredentialHiding() {}

  static void hide(KeyAuthConfig conf, AccessContext ctx, String key, String matchedName, BodyFields body) {
    ClientRequest request = ctx.request();
    MutableHeaders upstream = ctx.upstream().headers();
    byte[] newBody = null;
    BodyFields fields = body;
    for (String name : conf.keyNames()) {
      boolean matched = name.equals(matchedName);
      if (matched || request.headers().all(name).contains(key)) {
        removeValues(upstream, name, matched ? null : key);
      }
      List<String> query = request.queryParams(name);
      if (!query.isEmpty() && (matched || query.contains(key))) {
        ctx.upstream().removeQueryParam(name);
      }
      Object field = fields.value(name);
      if (field != null && (matched || key.equals(field))) {
        byte[] stripped = fields.without(name);
        if (stripped != null) {
          newBody = stripped;
          fields = BodyFields.parse(request.headers().first("Content-Type"), stripped);
        }
      }
    }
    if (newBody != null) {
      ctx.upstream().replaceBody(newBody);
    }
    List<String> authorization = request.headers().all("Authorization");
    for (String value : authorization) {
      if (key.equals(BearerTokens.token(value))) {
        removeValues(upstream, "Authorization", null);
        for (String other : authorization) {
          if (!key.equals(BearerTokens.token(other))) {
            upstream.add("Authorization", other);
          }
        }
        break;
      }
    }
  }

  /** Removes the header, or only its values equal to {@code onlyValue} when that is not null. */
  private static void removeValues(MutableHeaders headers, String name, String onlyValue) {
    if (onlyValue == null) {
      headers.remove(name);
      return;
    }
    List<String> keep = new ArrayList<>();
    for (String v : headers.all(name)) {
      if (!onlyValue.equals(v)) {
        keep.add(v);
      }
    }
    headers.remove(name);
    for (String v : keep) {
      headers.add(name, v);
    }
  }
}
