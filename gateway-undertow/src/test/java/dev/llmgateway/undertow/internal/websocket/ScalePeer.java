package dev.llmgateway.undertow.internal.websocket;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The far ends for {@link WebSocketScaleTest}, in a JVM of their own so that the test's heap holds the gateway
 * alone: a WebSocket echo server and {@code n} plain-socket WebSocket clients. Talks over stdin/stdout, one line
 * each way: prints {@code ECHO <port>}, reads {@code GATEWAY <port> <n>}, opens n WebSockets through the gateway
 * (eight at a time), sends one message on each right behind its handshake, prints {@code OPEN <n> <upstream
 * sockets>} once every echo came back, reads {@code CLOSE}, closes them all.
 */
public final class ScalePeer {
  private ScalePeer() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    try (EchoUpstream echo = EchoUpstream.start()) {
      System.out.println("ECHO " + echo.port());
      System.out.flush();
      String[] gateway = in.readLine().split(" ");
      int port = Integer.parseInt(gateway[1]);
      int n = Integer.parseInt(gateway[2]);
      List<RawWebSocket> clients = java.util.Collections.synchronizedList(new ArrayList<>(n));
      java.util.concurrent.ExecutorService openers = java.util.concurrent.Executors.newFixedThreadPool(8);
      List<CompletableFuture<Void>> opened = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int id = i;
        opened.add(CompletableFuture.runAsync(() -> {
          try {
            RawWebSocket c = RawWebSocket.open(port);
            clients.add(c);
            c.write(RawWebSocket.handshake("/ws", "").getBytes(StandardCharsets.ISO_8859_1),
                RawWebSocket.text("message " + id));
            if (!c.readHead().startsWith("HTTP/1.1 101 ") || !c.readFrame().text().equals("message " + id)) {
              throw new IllegalStateException("connection " + id + " was not echoed");
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }, openers));
      }
      for (CompletableFuture<Void> f : opened) {
        f.get(60, TimeUnit.SECONDS);
      }
      openers.shutdown();
      System.out.println("OPEN " + clients.size() + " " + echo.opened());
      System.out.flush();
      in.readLine();
      for (RawWebSocket c : clients) {
        c.close();
      }
      System.out.println("CLOSED");
      System.out.flush();
    }
  }
}
