package dev.llmgateway.internal.llm;

import dev.llmgateway.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and changing OpenAI request bodies (chat, completions, embeddings) as plain JSON values: the fields the
 * gateway decides on, a prompt token estimate, and the {@code stream_options.include_usage} request.
 */
public final class OpenAiBody {
  private OpenAiBody() {}

  /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
  public static Map<String, Object> parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Json.parseObject(new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static byte[] write(Map<String, Object> body) {
    return Json.write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** True when the body has a non-empty {@code messages} array (a chat request). */
  public static boolean hasMessages(Map<String, Object> body) {
    return body != null && body.get("messages") instanceof List<?> l && !l.isEmpty();
  }

  /** True when the body has a string {@code prompt} (a completions request). */
  public static boolean hasPrompt(Map<String, Object> body) {
    return body != null && body.get("prompt") instanceof String;
  }

  /** The {@code model} when it is a non-empty string, else null. */
  public static String model(Map<String, Object> body) {
    return body != null && body.get("model") instanceof String s && !s.isEmpty() ? s : null;
  }

  public static boolean stream(Map<String, Object> body) {
    return body != null && Boolean.TRUE.equals(body.get("stream"));
  }

  /** True when the client itself asked for the usage chunk of a stream. */
  public static boolean asksStreamUsage(Map<String, Object> body) {
    return body != null && body.get("stream_options") instanceof Map<?, ?> o
        && Boolean.TRUE.equals(o.get("include_usage"));
  }

  /** Sets {@code stream_options.include_usage: true}, keeping any other stream options. */
  @SuppressWarnings("unchecked")
  public static void requestStreamUsage(Map<String, Object> body) {
    Map<String, Object> options = body.get("stream_options") instanceof Map<?, ?> o
        ? new LinkedHashMap<>((Map<String, Object>) o) : new LinkedHashMap<>();
    options.put("include_usage", true);
    body.put("stream_options", options);
  }

  /** {@code max_completion_tokens} or {@code max_tokens} when a positive integer, else -1. */
  public static long maxTokens(Map<String, Object> body) {
    if (body == null) {
      return -1;
    }
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      if (body.get(field) instanceof Long l && l > 0) {
        return l;
      }
    }
    return -1;
  }

  /**
   * A rough prompt token count: the UTF-8 bytes of the text in {@code messages[].content} (strings and text
   * parts), {@code prompt} and {@code input}, at four bytes a token, plus four tokens a message of framing.
   */
  public static long promptEstimate(Map<String, Object> body) {
    if (body == null) {
      return 0;
    }
    long bytes = 0;
    long framing = 0;
    if (body.get("messages") instanceof List<?> messages) {
      for (Object m : messages) {
        framing += 4;
        if (m instanceof Map<?, ?> message) {
          bytes += textBytes(message.get("content"));
        }
      }
    }
    bytes += textBytes(body.get("prompt"));
    bytes += textBytes(body.get("input"));
    return framing + (bytes + 3) / 4;
  }

  private static long textBytes(Object value) {
    if (value instanceof String s) {
      return utf8Length(s);
    }
    long n = 0;
    if (value instanceof List<?> parts) {
      for (Object p : parts) {
        if (p instanceof String s) {
          n += utf8Length(s);
        } else if (p instanceof Map<?, ?> part && part.get("text") instanceof String t) {
          n += utf8Length(t);
        }
      }
    }
    return n;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }
}
