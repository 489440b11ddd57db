package dev.llmgateway.undertow.internal.websocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tunnels open right now, so that a drain that reached its timeout can close them (they would otherwise keep
 * the gateway from stopping for as long as their clients stay connected).
 */
public final class OpenTunnels {
  private final Set<Tunnel> open = ConcurrentHashMap.newKeySet();

  public void add(Tunnel tunnel) {
    open.add(tunnel);
  }

  public void remove(Tunnel tunnel) {
    open.remove(tunnel);
  }

  /** Tunnels open now. */
  public int count() {
    return open.size();
  }

  /** Closes every open tunnel, each on its IO thread; their log lines follow as they close. */
  public void closeAll(String failure) {
    for (Tunnel t : open) {
      t.closeSoon(failure);
    }
  }
}
