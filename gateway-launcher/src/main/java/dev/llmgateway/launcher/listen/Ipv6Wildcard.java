package dev.llmgateway.launcher.listen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Decides what {@code [::]} means on this machine: the dual-stack wildcard (IPv4 and IPv6, so {@code localhost}
 * works whichever it resolves to) where IPv6 sockets can be bound, else {@code 0.0.0.0}.
 */
public final class Ipv6Wildcard {
  private Ipv6Wildcard() {}

  /** True when an IPv6 wildcard socket can be bound here (probed on an ephemeral port, closed at once). */
  public static boolean available() {
    if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
      return false;
    }
    try (ServerSocketChannel channel = ServerSocketChannel.open()) {
      channel.bind(new InetSocketAddress(InetAddress.getByName(ListenAddress.ANY_V6), 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** {@code addresses} with every {@code [::]} replaced by {@code 0.0.0.0} when {@code ipv6} says IPv6 is off. */
  public static List<ListenAddress> resolve(List<ListenAddress> addresses, BooleanSupplier ipv6) {
    if (addresses.stream().noneMatch(ListenAddress::isAnyV6) || ipv6.getAsBoolean()) {
      return addresses;
    }
    List<ListenAddress> out = new ArrayList<>(addresses.size());
    for (ListenAddress a : addresses) {
      out.add(a.isAnyV6() ? a.withHost(ListenAddress.ANY_V4) : a);
    }
    return List.copyOf(out);
  }
}
