package dev.llmgateway.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {
  private static String text(ErrorBody b) {
    return new String(b.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void jsonIsKongsTemplateByteForByte() {
    ErrorBody b = ErrorBody.render(ErrorFormat.JSON, "no Route matched with those values", "abc");
    assertThat(text(b)).isEqualTo("{\n  \"message\":\"no Route matched with those values\",\n  \"request_id\":\"abc\"\n}");
    assertThat(b.contentType()).isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void otherFormatsFollowKongsTemplates() {
    assertThat(text(ErrorBody.render(ErrorFormat.TEXT, "m", "id"))).isEqualTo("m\nrequest_id: id\n");
    assertThat(text(ErrorBody.render(ErrorFormat.HTML, "m", "id"))).contains("<p>m.</p>").contains("request_id: id");
    assertThat(text(ErrorBody.render(ErrorFormat.XML, "m", "id")))
        .contains("<message>m</message>").contains("<requestid>id</requestid>");
  }

  @Test
  void pluginMessagesAreEscapedSoTheBodyStaysValid() {
    assertThat(text(ErrorBody.render(ErrorFormat.JSON, "say \"hi\"\n", "id"))).contains("\"message\":\"say \\\"hi\\\"\\n\"");
    assertThat(text(ErrorBody.render(ErrorFormat.HTML, "<b>", "id"))).contains("&lt;b&gt;");
  }

  @Test
  void aFailureUsesItsProducersFormatRule() {
    ErrorBody upstream = ErrorBody.render(ProxyFailure.UPSTREAM_UNREACHABLE, "id", null, null);
    assertThat(upstream.contentType()).startsWith("text/plain");
    ErrorBody router = ErrorBody.render(ProxyFailure.NO_ROUTE, "id", null, null);
    assertThat(router.contentType()).startsWith("application/json");
  }
}
