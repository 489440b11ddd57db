package dev.llmgateway.internal.plugins.aipromptguard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/**
 * The text ai-prompt-guard checks, collected from an OpenAI body as Kong collects it: for chat, the {@code content}
 * of {@code user} messages (of every message with {@code match_all_roles}) from newest to oldest, each followed by
 * a space, or only the newest one with {@code allow_all_conversation_history}; for completions, {@code prompt}.
 * Null when the body is not in that shape (a role that is not a string, a selected content that is not a string,
 * such as multimodal parts, or neither messages nor prompt).
 */
final class PromptText {
  private PromptText() {}

  static String collect(byte[] body, PromptGuardConfig conf) {
    JsonObject request;
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        return null;
      }
      request = parsed.getAsJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
    JsonElement messages = request.get("messages");
    if (messages != null && messages.isJsonArray()) {
      return fromMessages(messages.getAsJsonArray(), conf);
    }
    JsonElement prompt = request.get("prompt");
    if (prompt != null && prompt.isJsonPrimitive() && prompt.getAsJsonPrimitive().isString()) {
      return prompt.getAsString();
    }
    return null;
  }

  private static String fromMessages(JsonArray messages, PromptGuardConfig conf) {
    StringBuilder text = new StringBuilder();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (!messages.get(i).isJsonObject()) {
        return null;
      }
      JsonObject m = messages.get(i).getAsJsonObject();
      String role = string(m.get("role"));
      if (role == null) {
        return null;
      }
      if (role.equals("user") || conf.matchAllRoles()) {
        String content = string(m.get("content"));
        if (content == null) {
          return null;
        }
        text.append(content).append(' ');
        if (conf.allowAllConversationHistory()) {
          break;
        }
      }
    }
    return text.toString();
  }

  private static String string(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
  }
}
