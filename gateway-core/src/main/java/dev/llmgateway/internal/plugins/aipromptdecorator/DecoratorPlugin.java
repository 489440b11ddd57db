package dev.llmgateway.internal.plugins.aipromptdecorator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One configured ai-prompt-decorator (Kong's {@code filters/decorate-prompt.lua}): the chat body's
 * {@code messages} become prepend + the original messages + append, and the body goes upstream re-encoded as JSON
 * (other fields kept as they were). A body without a non-empty {@code messages} array is refused with Kong's 400.
 */
final class DecoratorPlugin implements Plugin {
  static final String NOT_CHAT = "{\"error\":{\"message\":\"this LLM route only supports llm/chat type requests\"}}";

  private final PromptDecoratorConfig conf;

  DecoratorPlugin(PromptDecoratorConfig conf) {
    this.conf = conf;
  }

  @Override
  public int requestBodyLimit() {
    return conf.maxRequestBodySize();
  }

  @Override
  public Verdict access(AccessContext ctx) {
    JsonObject request = chatRequest(ctx.requestBody());
    if (request == null) {
      return Verdict.respond(400, "application/json; charset=utf-8", NOT_CHAT);
    }
    JsonArray decorated = new JsonArray();
    add(decorated, conf.prompts().prepend());
    decorated.addAll(request.getAsJsonArray("messages"));
    add(decorated, conf.prompts().append());
    request.add("messages", decorated);
    ctx.upstream().replaceBody(request.toString().getBytes(StandardCharsets.UTF_8));
    ctx.upstream().headers().set("Content-Type", "application/json");
    return Verdict.proceed();
  }

  /** The body as a JSON object with a non-empty {@code messages} array, or null. */
  private static JsonObject chatRequest(byte[] body) {
    if (body == null) {
      return null;
    }
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (parsed.isJsonObject() && parsed.getAsJsonObject().get("messages") instanceof JsonArray messages
          && !messages.isEmpty()) {
        return parsed.getAsJsonObject();
      }
    } catch (RuntimeException notJson) {
      return null;
    }
    return null;
  }

  private static void add(JsonArray to, List<PromptDecoratorConfig.Message> messages) {
    for (PromptDecoratorConfig.Message m : messages) {
      JsonObject o = new JsonObject();
      o.addProperty("role", m.role());
      o.addProperty("content", m.content());
      to.add(o);
    }
  }
}
