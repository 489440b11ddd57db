package dev.llmgateway.testkit;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP upstream on a free loopback port that records every request it receives and answers with a reply of
 * the test's choosing (by default 200 {@code ok}). Thread-safe; stop it with {@link #close()}.
 */
public final class RecordingUpstream implements AutoCloseable {
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<RecordedRequest, UpstreamReply> replies =
      r -> UpstreamReply.of(200, "text/plain", "ok");
  private final Undertow server;

  private RecordingUpstream() {
    server = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
        .addHttpListener(0, "127.0.0.1").setHandler(this::handle).build();
  }

  /** Starts one. */
  public static RecordingUpstream start() {
    RecordingUpstream upstream = new RecordingUpstream();
    upstream.server.start();
    return upstream;
  }

  /** Answers every later request with {@code reply}. */
  public RecordingUpstream respond(UpstreamReply reply) {
    Objects.requireNonNull(reply, "reply");
    return respond(r -> reply);
  }

  /** Answers every later request with what {@code replyFor} returns for it. */
  public RecordingUpstream respond(Function<RecordedRequest, UpstreamReply> replyFor) {
    replies = Objects.requireNonNull(replyFor, "replyFor");
    return this;
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    InetSocketAddress a = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    return "http://127.0.0.1:" + a.getPort();
  }

  /** Every request received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The last request received; fails when there was none. */
  public RecordedRequest last() {
    if (requests.isEmpty()) {
      throw new AssertionError("the upstream received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /** How many requests reached the upstream. */
  public int count() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void handle(HttpServerExchange exchange) {
    exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
      RecordedRequest request = new RecordedRequest(ex.getRequestMethod().toString(), ex.getRequestPath(),
          ex.getQueryString().isEmpty() ? null : ex.getQueryString(), headers(ex), body);
      requests.add(request);
      UpstreamReply reply = replies.apply(request);
      ex.setStatusCode(reply.status());
      reply.headers().forEach((name, value) -> ex.getResponseHeaders().put(HttpString.tryFromString(name), value));
      ex.getResponseSender().send(java.nio.ByteBuffer.wrap(reply.body()));
    });
  }

  private static Map<String, List<String>> headers(HttpServerExchange ex) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (HeaderValues values : ex.getRequestHeaders()) {
      out.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), List.copyOf(values));
    }
    return out;
  }
}
