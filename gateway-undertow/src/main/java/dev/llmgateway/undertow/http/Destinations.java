package dev.llmgateway.undertow.http;

import dev.llmgateway.config.ConfigSnapshot;
import dev.llmgateway.config.UpstreamTargets;
import dev.llmgateway.entity.Service;
import dev.llmgateway.entity.Target;
import dev.llmgateway.proxy.ProxyHeaderRules;
import dev.llmgateway.undertow.upstream.Destination;
import dev.llmgateway.undertow.upstream.TargetBalancer;
import dev.llmgateway.undertow.upstream.UpstreamAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Where a service's requests go: its own host and port, or, when its host names an Upstream entity, the next
 * target of a weighted round-robin (a retry avoids the target that just failed). The {@code Host} header is the
 * destination's (with {@code :port} unless default), or the client's with {@code preserve_host}. A plain service's
 * destination is computed once per config snapshot.
 */
final class Destinations {
  private static final Object CACHE = new Object();

  private Destinations() {}

  /** Where attempt {@code n} of one request goes; {@code preservedHost} is the client's Host, or null. */
  static IntFunction<Destination> of(ConfigSnapshot snapshot, Service s, String preservedHost,
      TargetBalancer balancer) {
    UpstreamTargets upstream = snapshot.upstream(s.host());
    if (upstream == null) {
      Destination d = cached(snapshot, s);
      Destination chosen = preservedHost == null ? d : new Destination(d.address(), preservedHost);
      return attempt -> chosen;
    }
    boolean tls = s.isTls();
    boolean verify = !Boolean.FALSE.equals(s.tlsVerify());
    String hostHeader = upstream.upstream().hostHeader();
    Target[] last = new Target[1];
    return attempt -> {
      Target t = balancer.next(snapshot, upstream, last[0]);
      if (t == null) {
        return null;
      }
      last[0] = t;
      String host = preservedHost != null ? preservedHost
          : ProxyHeaderRules.upstreamHost(hostHeader != null ? hostHeader : t.host(), t.port(), tls);
      return new Destination(address(tls, t.host(), t.port(), verify), host);
    };
  }

  private static Destination cached(ConfigSnapshot snapshot, Service s) {
    Map<UUID, Destination> cache = snapshot.derived(CACHE, c -> new ConcurrentHashMap<UUID, Destination>());
    Destination d = cache.get(s.id());
    if (d == null) {
      boolean tls = s.isTls();
      d = new Destination(address(tls, s.host(), s.port(), !Boolean.FALSE.equals(s.tlsVerify())),
          ProxyHeaderRules.upstreamHost(s.host(), s.port(), tls));
      cache.put(s.id(), d);
    }
    return d;
  }

  private static UpstreamAddress address(boolean tls, String host, int port, boolean verify) {
    return tls ? UpstreamAddress.https(host, port, verify) : UpstreamAddress.http(host, port);
  }
}
