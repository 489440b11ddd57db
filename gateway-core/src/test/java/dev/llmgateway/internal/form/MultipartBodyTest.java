package dev.llmgateway.internal.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void partsCarryNamesFileFlagsContentAndTheSpanFromDelimiterToDelimiter() {
    String first = "--xyz\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nk-1\r\n";
    String second = "--xyz\r\ncontent-disposition: form-data; name=config; filename=\"kong.yml\"\r\n"
        + "Content-Type: text/yaml\r\n\r\na: 1\r\nb: 2\r\n";
    String third = "--xyz\r\nContent-Type: text/plain\r\n\r\nanonymous\r\n";
    byte[] body = bytes(first + second + third + "--xyz--\r\n");
    MultipartBody m = MultipartBody.parse(body, MultipartBody.boundary("multipart/form-data; boundary=xyz"));
    assertThat(m.complete()).isTrue();
    assertThat(m.parts()).hasSize(3);
    MultipartBody.Part key = m.parts().get(0);
    assertThat(key.name()).isEqualTo("apikey");
    assertThat(key.file()).isFalse();
    assertThat(key.text(body)).isEqualTo("k-1");
    assertThat(key.start()).isZero();
    assertThat(key.end()).isEqualTo(first.length());
    assertThat(m.parts().get(1).name()).isEqualTo("config");
    assertThat(m.parts().get(1).file()).isTrue();
    assertThat(m.parts().get(1).text(body)).isEqualTo("a: 1\r\nb: 2");
    assertThat(m.parts().get(2).name()).isNull();
    assertThat(m.parts().get(2).start()).isEqualTo(first.length() + second.length());
  }

  @Test
  void bareLineFeedsQuotedBoundariesAndEmptyValuesAreRead() {
    byte[] body = bytes("--a b\nContent-Disposition: form-data; name=\"x\"\n\n\n--a b\n"
        + "Content-Disposition: form-data; name=\"y\"\n\nv\n--a b--\n");
    MultipartBody m = MultipartBody.parse(body, MultipartBody.boundary("multipart/form-data; boundary=\"a b\""));
    assertThat(m.complete()).isTrue();
    assertThat(m.parts()).extracting(p -> p.name() + "=" + p.text(body)).containsExactly("x=", "y=v");
  }

  @Test
  void aBodyCutShortKeepsTheReadablePartsAndIsNotComplete() {
    byte[] body = bytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo");
    MultipartBody m = MultipartBody.parse(body, "b");
    assertThat(m.complete()).isFalse();
    assertThat(m.parts()).extracting(MultipartBody.Part::name).containsExactly("a");
    assertThat(MultipartBody.parse(bytes("--b\r\nno blank line\r\n--b--"), "b").parts()).isEmpty();
    assertThat(MultipartBody.parse(body, null).parts()).isEmpty();
    assertThat(MultipartBody.boundary("multipart/form-data")).isNull();
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=")).isNull();
  }

  @Test
  void eachPartsHeadersEndInsideThePartWhateverLineBreaksTheOthersUse() {
    byte[] body = bytes("--b\nContent-Disposition: form-data; name=\"lf\"\n\none\n"
        + "--b\r\nContent-Disposition: form-data; name=\"crlf\"\r\n\r\ntwo\r\n"
        + "--b\r\n\r\nno headers\r\n--b--");
    MultipartBody m = MultipartBody.parse(body, "b");
    assertThat(m.complete()).isTrue();
    assertThat(m.parts()).extracting(p -> p.name() + "=" + p.text(body))
        .containsExactly("lf=one", "crlf=two", "null=no headers");
    // a part whose blank line only exists in a later part is unreadable: parsing stops there
    byte[] unreadable = bytes("--b\nname-only-header\n--b\r\nX: y\r\n\r\nv\r\n--b--");
    assertThat(MultipartBody.parse(unreadable, "b").parts()).isEmpty();
  }

  @Test
  void partsBeyondTheCapLeaveTheBodyIncomplete() {
    byte[] body = bytes("--B\n\n\n".repeat(MultipartBody.MAX_PARTS + 500) + "--B--");
    MultipartBody m = MultipartBody.parse(body, "B");
    assertThat(m.parts()).hasSize(MultipartBody.MAX_PARTS);
    assertThat(m.complete()).isFalse();
  }

  @Test
  void onlyBoundariesRfc2046AllowsAreTaken() {
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"))
        .isEqualTo("----WebKitFormBoundary7MA4YWxkTrZu0gW");
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=\"" + "a".repeat(70) + "\""))
        .hasSize(70);
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=" + "a".repeat(71))).isNull();
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=\"ends in space \"")).isNull();
    assertThat(MultipartBody.boundary("multipart/form-data; boundary=a\u00e9b")).isNull();
  }
}
