package dev.llmgateway.examples.embedded;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One configured {@code model-allowlist}: reads the buffered request body in the access phase and answers 403
 * in Kong's error shape when its {@code model} is not allowed. Requests without a JSON body (e.g.
 * {@code GET /v1/models}) pass. Pure computation on a small body, so it runs on the IO thread.
 */
final class ModelAllowlistPlugin implements Plugin {
  private final Set<String> allowed;
  private final int maxBodyBytes;

  ModelAllowlistPlugin(List<String> allowed, int maxBodyBytes) {
    this.allowed = Set.copyOf(allowed);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public int requestBodyLimit() {
    return maxBodyBytes;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    byte[] body = ctx.requestBody();
    if (body == null || body.length == 0) {
      return Verdict.proceed();
    }
    JsonElement model;
    try {
      JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      model = json.isJsonObject() ? json.getAsJsonObject().get("model") : null;
    } catch (RuntimeException notJson) {
      return Verdict.proceed(); // not ours to judge: the LLM server answers malformed bodies itself
    }
    if (model == null || !model.isJsonPrimitive() || !model.getAsJsonPrimitive().isString()) {
      return Verdict.proceed();
    }
    String name = model.getAsString();
    if (allowed.contains(name)) {
      return Verdict.proceed();
    }
    return Verdict.error(403, "model '" + name + "' is not allowed on this route");
  }
}
