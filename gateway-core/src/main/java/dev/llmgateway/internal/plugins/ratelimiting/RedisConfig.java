package dev.llmgateway.internal.plugins.ratelimiting;

/**
 * Kong's shared Redis record ({@code config.redis}) as bound by the gateway; accepted now for the cluster-wide
 * policy to come. {@link #toString()} leaves the password out.
 */
public record RedisConfig(String host, int port, int timeout, String username, String password, int database,
    boolean ssl, boolean sslVerify, String serverName) {

  @Override
  public String toString() {
    return "RedisConfig[host=" + host + ", port=" + port + ", timeout=" + timeout + ", username=" + username
        + ", password=" + (password == null ? "null" : "<hidden>") + ", database=" + database + ", ssl=" + ssl
        + ", sslVerify=" + sslVerify + ", serverName=" + serverName + "]";
  }
}
