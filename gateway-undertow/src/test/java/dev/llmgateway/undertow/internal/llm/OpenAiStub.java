package dev.llmgateway.undertow.internal.llm;

import dev.llmgateway.internal.json.Json;
import dev.llmgateway.undertow.internal.testing.StubHandler;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible engine for tests, like vLLM: chat and completions answer with {@code usage}; with
 * {@code "stream":true} it streams one event per token (and the usage chunk only when asked, as vLLM does);
 * {@code GET /v1/models} lists its model. Every response names {@code served} as its model.
 */
final class OpenAiStub {
  private OpenAiStub() {}

  static final List<String> TOKENS = List.of("Hello", " from", " the", " stub");

  static StubHandler engine(String served) {
    return ex -> {
      String path = ex.request().path();
      if (path.endsWith("/models")) {
        ex.respond(200, "application/json", Json.write(Map.of("object", "list", "data",
            List.of(Map.of("id", served, "object", "model", "owned_by", "stub")))));
        return;
      }
      Map<String, Object> body = Json.parseObject(ex.request().bodyText());
      boolean chat = body.containsKey("messages");
      if (Boolean.TRUE.equals(body.get("stream"))) {
        ex.startChunked(200, "text/event-stream; charset=utf-8");
        for (String t : TOKENS) {
          ex.write("data: " + chunk(served, chat, t) + "\n\n");
        }
        if (body.get("stream_options") instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get("include_usage"))) {
          ex.write("data: {\"id\":\"cmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
              + served + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,"
              + "\"total_tokens\":15}}\n\n");
        }
        ex.write("data: [DONE]\n\n");
        ex.end();
        return;
      }
      String choice = chat
          ? "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the stub\"},"
              + "\"finish_reason\":\"stop\"}"
          : "{\"index\":0,\"text\":\"Hello from the stub\",\"finish_reason\":\"stop\"}";
      ex.respond(200, "application/json", "{\"id\":\"cmpl-1\",\"object\":\"" + (chat ? "chat.completion"
          : "text_completion") + "\",\"created\":1,\"model\":\"" + served + "\",\"choices\":[" + choice + "],"
          + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,\"total_tokens\":15}}");
    };
  }

  static String chunk(String served, boolean chat, String token) {
    String choice = chat ? "{\"index\":0,\"delta\":{\"content\":\"" + token + "\"},\"finish_reason\":null}"
        : "{\"index\":0,\"text\":\"" + token + "\",\"finish_reason\":null}";
    return "{\"id\":\"cmpl-1\",\"object\":\"" + (chat ? "chat.completion.chunk" : "text_completion")
        + "\",\"created\":1,\"model\":\"" + served + "\",\"choices\":[" + choice + "]}";
  }
}
