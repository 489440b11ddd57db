package dev.llmgateway.undertow.internal.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link WebSocket} client with a listener that queues whole messages (text as String, binary as
 * byte[], pongs as {@code Pong}) and notes the end of the connection (close frame or error).
 */
final class WsClient implements WebSocket.Listener {
  record Pong(byte[] data) {}

  final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  final CountDownLatch ended = new CountDownLatch(1);
  volatile String endedBy;
  private final StringBuilder text = new StringBuilder();
  private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  WebSocket socket;

  static WsClient connect(HttpClient http, URI uri, String... headers) throws Exception {
    WsClient client = new WsClient();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Sec-WebSocket-Protocol")) {
        b.subprotocols(headers[i + 1]); // the JDK sets this one itself
      } else {
        b.header(headers[i], headers[i + 1]);
      }
    }
    client.socket = b.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
    return client;
  }

  Object next() throws InterruptedException {
    Object o = received.poll(10, TimeUnit.SECONDS);
    if (o == null) {
      throw new AssertionError("no message within 10 s");
    }
    return o;
  }

  boolean awaitEnd(Duration max) throws InterruptedException {
    return ended.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      received.add(text.toString());
      text.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] b = new byte[data.remaining()];
    data.get(b);
    binary.write(b, 0, b.length);
    if (last) {
      received.add(binary.toByteArray());
      binary = new java.io.ByteArrayOutputStream();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    byte[] b = new byte[message.remaining()];
    message.get(b);
    received.add(new Pong(b));
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    endedBy = "close " + statusCode;
    ended.countDown();
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    endedBy = "error " + error;
    ended.countDown();
  }
}
