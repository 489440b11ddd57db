package dev.llmgateway.undertow.internal.http1;

/** Hears that a response body reached the end its framing gives, once. */
public interface BodyEnd {
  /** @param extraBytes true when bytes followed the body: the connection's framing is then lost */
  void ended(boolean extraBytes);
}
