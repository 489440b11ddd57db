package dev.llmgateway.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.entity.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormDecoderTest {
  private static Map<String, Object> decode(String form) {
    return FormDecoder.decode(FormDecoder.pairs(form));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "paths=/a&paths=/b            | {paths=[/a, /b]}",
      "paths[]=/a&paths[]=/b        | {paths=[/a, /b]}",
      "paths[2]=/b&paths[1]=/a      | {paths=[/a, /b]}",
      "paths%5B%5D=/a               | {paths=[/a]}",
      "config.minute=5&config.policy=local | {config={minute=5, policy=local}}",
      "config[minute]=5             | {config={minute=5}}",
      "config.key_names[]=apikey    | {config={key_names=[apikey]}}",
      "service.id=x&service.name=y  | {service={id=x, name=y}}",
      "a.b.c=1                      | {a={b={c=1}}}",
      "name=a+b%21                  | {name=a b!}",
      ".hidden=1&trailing.=2        | {.hidden=1, trailing.=2}",
      "flag                         | {flag=true}",
      "broken[=1                    | {broken[=1}"})
  void kongsKeySyntax(String form, String expected) {
    assertThat(decode(form)).hasToString(expected);
  }

  @Test
  void aNameNestedPastTheLimitStaysOnePlainKey() {
    String dotted = String.join(".", java.util.Collections.nCopies(20_000, "a"));
    assertThat(decode(dotted + "=1")).containsOnlyKeys(dotted);
    String brackets = "a" + "[]".repeat(20_000);
    assertThat(decode(brackets + "=1")).containsOnlyKeys(brackets);
    String deepest = String.join(".", java.util.Collections.nCopies(FormDecoder.MAX_DEPTH, "a"));
    assertThat(decode(deepest + "=1")).containsOnlyKeys("a");
  }

  @Test
  void valuesAreTypedByTheSchema() {
    Map<String, Object> typed = SchemaInference.infer(Route.SCHEMA,
        decode("paths=/one&regex_priority=7&strip_path=false&hosts=&headers.x-a=v&tags[]=t&unknown=1"), null);
    assertThat(typed).containsEntry("paths", List.of("/one")).containsEntry("regex_priority", 7L)
        .containsEntry("strip_path", false).containsEntry("hosts", null)
        .containsEntry("headers", Map.of("x-a", List.of("v"))).containsEntry("unknown", "1");
    assertThat(SchemaInference.infer(Route.SCHEMA, decode("regex_priority=1.5e1&strip_path=no"), null))
        .containsEntry("regex_priority", 15.0).containsEntry("strip_path", "no");
  }

  @Test
  void multipartPartsBecomePairs() {
    String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"k.yml\"\r\nContent-Type: text/yaml\r\n\r\n"
        + "x: 1\ny: 2\r\n--b--\r\n";
    assertThat(MultipartForm.pairs(body.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=\"b\""))
        .containsExactly(Map.entry("a", "one"), Map.entry("f", "x: 1\ny: 2"));
  }
}
