package dev.llmgateway.internal.admin;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@code GET /} tells about this node: its id, host name and listen addresses. Holds nothing secret.
 */
public record NodeInfo(String nodeId, String hostname, List<String> proxyListen, List<String> adminListen) {
  public NodeInfo {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(hostname, "hostname");
    proxyListen = List.copyOf(proxyListen);
    adminListen = List.copyOf(adminListen);
  }

  /** A node with a random id and the host name from the environment (no DNS lookup). */
  public static NodeInfo local(List<String> proxyListen, List<String> adminListen) {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = System.getProperty("os.name", "localhost").equals("Linux") ? linuxHostname() : "localhost";
    }
    return new NodeInfo(UUID.randomUUID().toString(), host, proxyListen, adminListen);
  }

  private static String linuxHostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "localhost";
    }
  }
}
