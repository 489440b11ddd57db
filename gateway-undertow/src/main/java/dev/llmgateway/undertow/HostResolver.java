package dev.llmgateway.undertow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Resolves upstream host names to addresses. Called on an IO thread, so it must return at once and complete the
 * stage later (on any thread); the gateway bounds the wait by the service's connect timeout. IP literals never
 * reach it.
 */
@FunctionalInterface
public interface HostResolver {
  /** The addresses of {@code host}, first preferred; completes exceptionally when the name does not resolve. */
  CompletionStage<List<InetAddress>> resolve(String host);

  /** The JDK resolver (with its own cache) run on {@code executor}, never on the calling thread. */
  static HostResolver jdk(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return host -> CompletableFuture.supplyAsync(() -> {
      try {
        return Arrays.asList(InetAddress.getAllByName(host));
      } catch (UnknownHostException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, executor);
  }
}
