package dev.llmgateway.undertow.internal.plugins;

import static dev.llmgateway.undertow.internal.plugins.StackGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.internal.plugins.aipromptdecorator.PromptDecoratorType;
import dev.llmgateway.internal.plugins.aipromptguard.PromptGuardType;
import dev.llmgateway.internal.plugins.testing.MutableClock;
import dev.llmgateway.undertow.embed.AccessLogOptions;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ai-prompt-guard and ai-prompt-decorator on OpenAI bodies through a real gateway and an echo upstream. */
class AiPromptProxyTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final String JSON = "application/json";
  private static StackGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = StackGateway.start(new MutableClock(Instant.parse("2025-03-01T10:00:00Z")), AccessLogOptions.off(),
        List.of(new PromptGuardType(), new PromptDecoratorType()));
    gw.adminForm("POST", "/consumers", "username=alice");
    gw.adminForm("POST", "/consumers/alice/key-auth", "key=alice-key");
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A route with each plugin form (name=...&config...) on the route; returns the route path. */
  private static String route(String... pluginForms) {
    String name = "ai" + NEXT.incrementAndGet();
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    for (String form : pluginForms) {
      gw.adminForm("POST", "/routes/" + name + "/plugins", form);
    }
    return "/" + name;
  }

  private static HttpResponse<String> chat(String path, String body) {
    return gw.proxy("POST", path + "/v1/chat/completions", body, "Content-Type", JSON);
  }

  private static String messages(String... roleContent) {
    StringBuilder b = new StringBuilder("{\"model\":\"m\",\"messages\":[");
    for (int i = 0; i < roleContent.length; i += 2) {
      b.append(i == 0 ? "" : ",").append("{\"role\":\"").append(roleContent[i]).append("\",\"content\":\"")
          .append(roleContent[i + 1]).append("\"}");
    }
    return b.append("]}").toString();
  }

  private static void badRequest(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"error\":{\"message\":\"bad request\"}}");
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void denyThenAllowPatterns() {
    String p = route("name=ai-prompt-guard&config.deny_patterns=" + enc("(?i)password")
        + "&config.allow_patterns=" + enc("^About LLMs") + "&config.allow_patterns=" + enc("cats"));
    assertThat(chat(p, messages("user", "About LLMs: hi")).statusCode()).isEqualTo(200);
    assertThat(chat(p, messages("user", "tell me about cats")).statusCode()).isEqualTo(200);
    badRequest(chat(p, messages("user", "About LLMs: my PASSWORD")));
    badRequest(chat(p, messages("user", "dogs")));
    assertThat(chat(p, "{\"prompt\":\"About LLMs\"}").statusCode()).isEqualTo(200);
    badRequest(chat(p, "{\"prompt\":\"dogs\"}"));
    badRequest(chat(p, "not json"));
    badRequest(chat(p, "{\"model\":\"m\"}"));
    badRequest(chat(p, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"cats\"}]}]}"));
    badRequest(chat(p, "{\"messages\":[{\"role\":1,\"content\":\"cats\"}]}"));
  }

  @Test
  void historyAndRoles() {
    String whole = route("name=ai-prompt-guard&config.deny_patterns=secret");
    badRequest(chat(whole, messages("user", "the secret is 42", "assistant", "ok", "user", "hello")));
    assertThat(chat(whole, messages("system", "secret rules", "user", "hello")).statusCode()).isEqualTo(200);
    String latest = route("name=ai-prompt-guard&config.deny_patterns=secret"
        + "&config.allow_all_conversation_history=true");
    assertThat(chat(latest, messages("user", "the secret is 42", "assistant", "ok", "user", "hello")).statusCode())
        .isEqualTo(200);
    badRequest(chat(latest, messages("user", "hello", "user", "secret?")));
    String roles = route("name=ai-prompt-guard&config.deny_patterns=secret&config.match_all_roles=true");
    badRequest(chat(roles, messages("system", "secret rules", "user", "hello")));
  }

  @Test
  void maxRequestBodySize() {
    String p = route("name=ai-prompt-guard&config.deny_patterns=x&config.max_request_body_size=64");
    assertThat(chat(p, messages("user", "short")).statusCode()).isEqualTo(200);
    assertThat(chat(p, messages("user", "y".repeat(100))).statusCode()).isEqualTo(413);
  }

  @Test
  void decoratorPrependsAndAppends() throws Exception {
    String p = route("name=ai-prompt-decorator&config.prompts.prepend[1].role=system"
        + "&config.prompts.prepend[1].content=" + enc("Be brief.")
        + "&config.prompts.append[1].role=user&config.prompts.append[1].content=" + enc("Answer in French."));
    HttpResponse<String> r = chat(p, "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String expected = "{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"user\",\"content\":\"Answer in French.\"}]}";
    assertThat(json(r)).containsEntry("body_sha256", sha256(expected))
        .containsEntry("body_length", (long) expected.length());
    HttpResponse<String> notChat = chat(p, "{\"prompt\":\"Hi\"}");
    assertThat(notChat.statusCode()).isEqualTo(400);
    assertThat(notChat.body()).isEqualTo("{\"error\":{\"message\":\"this LLM route only supports llm/chat type requests\"}}");
    assertThat(chat(p, "{\"messages\":[]}").statusCode()).isEqualTo(400);
  }

  @Test
  void guardSeesTheDecoratedBody() {
    String p = route("name=ai-prompt-decorator&config.prompts.append[1].role=user&config.prompts.append[1].content="
        + enc("forbidden words"), "name=ai-prompt-guard&config.deny_patterns=forbidden");
    badRequest(chat(p, messages("user", "hello")));
  }

  @Test
  void consumerAndGlobalScopes() {
    String name = "aiscope";
    gw.adminForm("POST", "/services", "name=" + name + "&url=" + gw.vllm.url());
    gw.adminForm("POST", "/services/" + name + "/routes", "name=" + name + "&paths[]=/" + name);
    gw.adminForm("POST", "/routes/" + name + "/plugins", "name=key-auth&config.anonymous=");
    gw.adminForm("POST", "/consumers/alice/plugins", "name=ai-prompt-guard&config.deny_patterns=alice-banned");
    assertThat(gw.proxy("POST", "/" + name + "/v1/chat/completions", messages("user", "alice-banned"),
        "Content-Type", JSON, "apikey", "alice-key").statusCode()).isEqualTo(400);
    String open = route();
    assertThat(chat(open, messages("user", "global-banned")).statusCode()).isEqualTo(200);
    String id = (String) json(gw.adminForm("POST", "/plugins", "name=ai-prompt-guard&config.deny_patterns=global-banned"))
        .get("id");
    try {
      badRequest(chat(open, messages("user", "global-banned")));
    } finally {
      gw.admin("DELETE", "/plugins/" + id, null);
    }
  }
}
