package dev.llmgateway.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void integersAreLongsOtherNumbersDoubles() {
    Map<String, Object> m = Json.parseObject("{\"i\":5,\"f\":5.0,\"e\":1e3,\"big\":12345678901234567890,\"n\":-7}");
    assertThat(m.get("i")).isEqualTo(5L);
    assertThat(m.get("f")).isEqualTo(5.0);
    assertThat(m.get("e")).isEqualTo(1000.0);
    assertThat(m.get("big")).isInstanceOf(Double.class);
    assertThat(m.get("n")).isEqualTo(-7L);
  }

  @Test
  void documentsKeepOrderNullsAndTypes() {
    Object v = Json.parse("{\"b\":[true,null,\"x\"],\"a\":{}}");
    assertThat(v).isEqualTo(Map.of("b", Arrays.asList(true, null, "x"), "a", Map.of()));
    assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a"));
  }

  @Test
  void badDocumentsAreParseErrorsNeverOtherExceptions() {
    for (String bad : new String[] {"", "  ", "{\"a\":1} x", "{'a':1}", "{\"a\":NaN}", "[1,]", "{\"a\"}", "tru"}) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonParseException.class);
    }
    assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(JsonParseException.class);
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonParseException.class);
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(ok)).isInstanceOf(List.class);
  }

  @Test
  void numbersAreWrittenLikeCjson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("one", 1.0);
    m.put("ms", 1700000000.123);
    m.put("half", 0.5);
    m.put("long", 42L);
    m.put("none", null);
    assertThat(Json.write(m)).isEqualTo("{\"one\":1,\"ms\":1700000000.123,\"half\":0.5,\"long\":42,\"none\":null}");
  }

  @Test
  void writesUuidsAndDoesNotEscapeHtml() {
    UUID id = UUID.fromString("7b5b4a5e-0b1c-4f2e-9a8d-1c2b3d4e5f60");
    assertThat(Json.write(List.of(id, "<a href='x'>&"))).isEqualTo(
        "[\"7b5b4a5e-0b1c-4f2e-9a8d-1c2b3d4e5f60\",\"<a href='x'>&\"]");
    assertThat(Json.parse(Json.writePretty(Map.of("k", List.of(1L))))).isEqualTo(Map.of("k", List.of(1L)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void freezeMakesDeepImmutableCopies() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("l", new java.util.ArrayList<>(List.of(1L)));
    Object frozen = Json.freeze(in);
    ((List<Object>) in.get("l")).add(2L);
    assertThat(frozen).isEqualTo(Map.of("l", List.of(1L)));
    assertThatThrownBy(() -> ((Map<String, Object>) frozen).put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }
}
