package dev.llmgateway.undertow.internal.testing;

/**
 * Answers one request received by a {@link StubUpstream}. Runs on a handler thread of its own, so it may block
 * (wait on latches, sleep, write a large body with back-pressure) without stalling the stub's event loop.
 */
@FunctionalInterface
public interface StubHandler {
  void handle(StubExchange exchange) throws Exception;
}
