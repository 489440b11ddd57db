package dev.llmgateway.undertow.embed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resolves upstream host names to addresses. The gateway calls it on a worker thread, never on an IO thread, so an
 * implementation may block or complete the stage later from any thread; the wait is bounded by the service's
 * connect timeout. IP literals never reach it.
 */
@FunctionalInterface
public interface HostResolver {
  /** The addresses of {@code host}, first preferred; completes exceptionally when the name does not resolve. */
  CompletionStage<List<InetAddress>> resolve(String host);

  /** The JDK resolver, with its own cache; it blocks the (worker) thread it is called on. */
  static HostResolver jdk() {
    return host -> {
      try {
        return CompletableFuture.completedFuture(Arrays.asList(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }
}
