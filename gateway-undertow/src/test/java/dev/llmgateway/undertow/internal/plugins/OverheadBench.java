package dev.llmgateway.undertow.internal.plugins;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * A gateway for measuring what key-auth plus rate-limiting cost (not a test): the default stack, a fast Undertow
 * upstream, and through the Admin API on the proxy port a route {@code /v1/auth} with key-auth and rate-limiting
 * (minute=1e9) plus {@code /v1/plain} without plugins on the same upstream. Prints the proxy port and the key,
 * then runs until killed. Measure with {@code wrk -t1 -c50 -d10s -H 'apikey: K' http://127.0.0.1:PORT/v1/auth}.
 */
public final class OverheadBench {
  private OverheadBench() {}

  public static void main(String[] args) throws Exception {
    Undertow upstream = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1)
        .setHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          ex.getResponseSender().send("{\"object\":\"list\",\"data\":[]}");
        }).build();
    upstream.start();
    int upstreamPort = ((InetSocketAddress) upstream.getListenerInfo().get(0).getAddress()).getPort();
    StackGateway gw = StackGateway.start(Clock.systemUTC());
    String url = "url=http://127.0.0.1:" + upstreamPort;
    String key = "bench-key-0123456789";
    admin(gw, "/services", "name=auth-svc&" + url);
    admin(gw, "/services/auth-svc/routes", "name=auth-route&paths[]=/v1/auth");
    admin(gw, "/services/auth-svc/plugins", "name=key-auth");
    admin(gw, "/services/auth-svc/plugins", "name=rate-limiting&config.minute=1e9");
    admin(gw, "/consumers", "username=bench");
    admin(gw, "/consumers/bench/key-auth", "key=" + key);
    admin(gw, "/services", "name=plain-svc&" + url);
    admin(gw, "/services/plain-svc/routes", "name=plain-route&paths[]=/v1/plain");
    System.out.println("READY port=" + gw.proxyPort() + " key=" + key);
    Thread.currentThread().join();
  }

  private static void admin(StackGateway gw, String path, String form) {
    var r = gw.proxy("POST", "/admin-api" + path, form, "apikey", StackGateway.ADMIN_KEY,
        "Content-Type", "application/x-www-form-urlencoded");
    if (r.statusCode() != 201) {
      throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
    }
  }
}
