package dev.llmgateway.undertow.internal.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.client.ClientRequest;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadWriterTest {
  private static String write(ClientRequest r, int capacity) throws MalformedMessageException {
    ByteBuffer out = ByteBuffer.allocateDirect(capacity);
    if (!RequestHeadWriter.write(r, out)) {
      return null;
    }
    out.flip();
    byte[] b = new byte[out.remaining()];
    out.get(b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void writesTheHeadAndNeutralisesLineBreaksInValues() throws Exception {
    ClientRequest r = new ClientRequest().setMethod(Methods.POST).setPath("/v1/chat/completions?a=1");
    r.getRequestHeaders().add(new HttpString("X-A"), "one");
    r.getRequestHeaders().add(new HttpString("X-A"), "two\r\nEvil: yes\u0000");
    assertThat(write(r, 1024)).isEqualTo("POST /v1/chat/completions?a=1 HTTP/1.1\r\n"
        + "X-A: one\r\nX-A: two  Evil: yes \r\n\r\n");
  }

  @Test
  void valuesAndTargetsLongerThanTheCopyArrayArriveWhole() throws Exception {
    String longPath = "/" + "p".repeat(9000);
    String longValue = "v".repeat(10_000) + "\n" + "w".repeat(100);
    ClientRequest r = new ClientRequest().setMethod(Methods.GET).setPath(longPath);
    r.getRequestHeaders().put(new HttpString("Cookie"), longValue);
    assertThat(write(r, 32 * 1024)).isEqualTo("GET " + longPath + " HTTP/1.1\r\nCookie: "
        + "v".repeat(10_000) + " " + "w".repeat(100) + "\r\n\r\n");
  }

  @Test
  void aHeadThatDoesNotFitSaysSo() throws Exception {
    ClientRequest r = new ClientRequest().setMethod(Methods.GET).setPath("/x");
    r.getRequestHeaders().put(new HttpString("X-Big"), "b".repeat(5000));
    assertThat(write(r, 4096)).isNull();
    assertThat(write(r, 8192)).isNotNull();
  }

  @Test
  void aTargetWithASpaceIsRefused() {
    ClientRequest r = new ClientRequest().setMethod(Methods.GET).setPath("/a b");
    assertThatThrownBy(() -> write(r, 1024)).isInstanceOf(MalformedMessageException.class);
  }
}
