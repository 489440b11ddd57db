package dev.llmgateway.undertow.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response-head parser fed as a socket would: a byte at a time, or heads back to back in one read. */
class ResponseHeadParserTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aHeadSplitAtEveryByteParsesLikeAWholeOne() throws Exception {
    String text = "HTTP/1.1 201 Created\r\ncontent-length: 2\r\nX-Odd:  spaced value \t\r\nX-Odd: two\r\n\r\nok";
    ResponseHeadParser parser = new ResponseHeadParser();
    ResponseHead head = null;
    int i = 0;
    for (; i < text.length() && head == null; i++) {
      head = parser.parse(bytes(text.substring(i, i + 1)));
    }
    assertThat(head).isNotNull();
    assertThat(text.substring(i)).as("the body starts right after the head").isEqualTo("ok");
    assertThat(head.status()).isEqualTo(201);
    assertThat(head.http10()).isFalse();
    assertThat(head.headers().get(Headers.CONTENT_LENGTH).getHeaderName()).isSameAs(Headers.CONTENT_LENGTH);
    assertThat(head.headers().get("x-odd")).containsExactly("spaced value", "two");
  }

  @Test
  void headsBackToBackInOneReadComeOutOneByOne() throws Exception {
    ByteBuffer in = bytes("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.0 200\r\n\r\nbody");
    ResponseHeadParser parser = new ResponseHeadParser();
    ResponseHead first = parser.parse(in);
    assertThat(first.status()).isEqualTo(103);
    assertThat(first.interim()).isTrue();
    ResponseHead second = parser.parse(in);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.http10()).isTrue();
    assertThat(second.interim()).isFalse();
    assertThat(StandardCharsets.ISO_8859_1.decode(in).toString()).isEqualTo("body");
  }

  @Test
  void oneByteOverTheHeadCapIsRefusedWhileItArrives() throws Exception {
    ResponseHeadParser parser = new ResponseHeadParser();
    String start = "HTTP/1.1 200 OK\r\nX-Pad: ";
    assertThat(parser.parse(bytes(start + "a".repeat(ResponseHeadParser.MAX_HEAD_BYTES - start.length()))))
        .isNull();
    assertThatThrownBy(() -> parser.parse(bytes("a"))).isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void whatIsNotStrictHttpIsRefused() {
    for (String bad : new String[] {"HTTP/1.1 200 OK\nA: b\r\n\r\n", "HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n",
        "HTTP/1.1 200 OK\r\n A: b\r\n\r\n", "HTTP/1.1 200 OK\r\nA : b\r\n\r\n", "HTTP/1.1 200 OK\r\n: b\r\n\r\n",
        "HTTP/1.1 200 OK\r\nA\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.2 200 OK\r\n\r\n", "HTTP/1.1 2x0\r\n\r\n",
        "http/1.1 200 OK\r\n\r\n", "HTTP/1.1 200 O\u0001K\r\n\r\n", "HTTP/1.1 200 OK\r\nA: \u007f\r\n\r\n"}) {
      assertThatThrownBy(() -> new ResponseHeadParser().parse(bytes(bad))).as(bad)
          .isInstanceOf(MalformedMessageException.class);
    }
  }
}
