package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.internal.balancer.Attempt;
import dev.llmgateway.internal.balancer.Balancer;
import dev.llmgateway.internal.balancer.Peer;
import dev.llmgateway.internal.balancer.RequestFacts;
import dev.llmgateway.internal.balancer.Tries;
import dev.llmgateway.internal.config.ConfigSnapshot;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.proxy.ProxyHeaderRules;
import dev.llmgateway.undertow.internal.upstream.Destination;
import dev.llmgateway.undertow.internal.upstream.UpstreamAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Where a service's requests go, as connectable addresses: its own host and port, or, when its host names an
 * Upstream entity, the target the {@link Balancer} picks for each try (with the {@code Host} header it decides).
 * A plain service's {@code Host} is its host (with {@code :port} unless default), or the client's with {@code
 * preserve_host}; its destination is computed once per config snapshot.
 */
final class Destinations implements IntFunction<Destination> {
  private static final Object CACHE = new Object();

  private final Tries tries;
  private final boolean tls;
  private final boolean verify;
  private final Destination fixed;

  private Destinations(Tries tries, boolean tls, boolean verify, Destination fixed) {
    this.tries = tries;
    this.tls = tls;
    this.verify = verify;
    this.fixed = fixed;
  }

  /** Where the tries of one request go; {@code preservedHost} is the client's Host, or null. */
  static Destinations of(ConfigSnapshot snapshot, Service s, String preservedHost, Balancer balancer,
      RequestFacts facts) {
    Tries tries = balancer.tries(snapshot, s, preservedHost, facts);
    if (tries == null) {
      Destination d = cached(snapshot, s);
      Destination chosen = preservedHost == null ? d : new Destination(d.address(), preservedHost, Attempt.NONE);
      return new Destinations(null, false, false, chosen);
    }
    return new Destinations(tries, s.isTls(), !Boolean.FALSE.equals(s.tlsVerify()), null);
  }

  /** The destination of try {@code attempt}; null when no target may take it. */
  @Override
  public Destination apply(int attempt) {
    if (fixed != null) {
      return fixed;
    }
    Attempt a = tries.next();
    if (a == null) {
      return null;
    }
    Peer t = tries.peer();
    return new Destination(address(tls, t.host(), t.port(), verify), tries.hostHeader(), a);
  }

  /** The cookie consistent hashing wants set on the response, or null. */
  String setCookie() {
    return tries == null ? null : tries.setCookie();
  }

  private static Destination cached(ConfigSnapshot snapshot, Service s) {
    Map<UUID, Destination> cache = snapshot.derived(CACHE, c -> new ConcurrentHashMap<UUID, Destination>());
    Destination d = cache.get(s.id());
    if (d == null) {
      boolean tls = s.isTls();
      d = new Destination(address(tls, s.host(), s.port(), !Boolean.FALSE.equals(s.tlsVerify())),
          ProxyHeaderRules.upstreamHost(s.host(), s.port(), tls), Attempt.NONE);
      cache.put(s.id(), d);
    }
    return d;
  }

  private static UpstreamAddress address(boolean tls, String host, int port, boolean verify) {
    return tls ? UpstreamAddress.https(host, port, verify) : UpstreamAddress.http(host, port);
  }
}
