package dev.llmgateway.undertow.internal.websocket;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.util.HeaderValues;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;

/**
 * A WebSocket echo server on 127.0.0.1 and an ephemeral port, built on Undertow's own {@code io.undertow.websockets}:
 * echoes text and binary messages, answers pings with pongs (Undertow's default), and on the text {@code close-now}
 * closes its TCP connection at once. Records each HTTP request's headers and counts channels opened and closed.
 */
final class EchoUpstream implements AutoCloseable {
  private final Undertow server;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final String greeting;
  private final boolean tls;

  private EchoUpstream(String greeting, javax.net.ssl.SSLContext tls) {
    this.tls = tls != null;
    this.greeting = greeting;
    var ws = Handlers.websocket((exchange, channel) -> {
      opened.incrementAndGet();
      channel.addCloseTask(c -> closed.incrementAndGet());
      channel.getReceiveSetter().set(new Echo());
      channel.resumeReceives();
      if (greeting != null) {
        WebSockets.sendText(greeting, channel, null);
      }
    });
    Undertow.Builder builder = Undertow.builder();
    if (tls != null) {
      builder.addHttpsListener(0, "127.0.0.1", tls);
    } else {
      builder.addHttpListener(0, "127.0.0.1");
    }
    server = builder
        .setIoThreads(1)
        .setWorkerThreads(2)
        .setHandler(exchange -> {
          Map<String, String> headers = new LinkedHashMap<>();
          for (HeaderValues v : exchange.getRequestHeaders()) {
            headers.put(v.getHeaderName().toString().toLowerCase(), String.join(",", v));
          }
          requests.add(headers);
          ws.handleRequest(exchange);
        })
        .build();
    server.start();
  }

  static EchoUpstream start() {
    return new EchoUpstream(null, null);
  }

  /** An echo server speaking TLS with the certificate in {@code context}. */
  static EchoUpstream tls(javax.net.ssl.SSLContext context) {
    return new EchoUpstream(null, context);
  }

  /** An echo server that sends {@code greeting} as soon as the connection is upgraded. */
  static EchoUpstream greeting(String greeting) {
    return new EchoUpstream(greeting, null);
  }

  int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port();
  }

  /** Headers (names lowercase) of every HTTP request received, handshakes included. */
  List<Map<String, String>> requests() {
    return requests;
  }

  int opened() {
    return opened.get();
  }

  int closed() {
    return closed.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static final class Echo extends AbstractReceiveListener {
    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
      String text = message.getData();
      if (text.equals("close-now")) {
        IoUtils.safeClose(channel);
        return;
      }
      WebSockets.sendText(text, channel, null);
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
      ByteBuffer[] data = message.getData().getResource();
      int n = 0;
      for (ByteBuffer b : data) {
        n += b.remaining();
      }
      ByteBuffer copy = ByteBuffer.allocate(n);
      for (ByteBuffer b : data) {
        copy.put(b);
      }
      message.getData().free();
      WebSockets.sendBinary(copy.flip(), channel, null);
    }
  }
}
