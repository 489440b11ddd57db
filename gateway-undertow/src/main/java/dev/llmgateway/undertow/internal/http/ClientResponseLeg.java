package dev.llmgateway.undertow.internal.http;

/**
 * The response going to the client, whoever writes it (the relay of the upstream's, or the gateway's own): the
 * body bytes sent, whether it is an event stream counted among the runtime's open streams, and whether the
 * request has ended. Owned by the request's IO thread.
 */
final class ClientResponseLeg {
  private final ProxyRuntime runtime;
  private long bytesSent;
  private boolean streaming;
  private boolean ended;

  ClientResponseLeg(ProxyRuntime runtime) {
    this.runtime = runtime;
  }

  /** The body bytes the client was sent (a relayed count, or the length of the gateway's own body). */
  void sent(long bytes) {
    bytesSent = bytes;
  }

  long bytesSent() {
    return bytesSent;
  }

  /** The response is an event stream being relayed: counted in the runtime's open streams until the end. */
  void streamOpened() {
    streaming = true;
    runtime.streamOpened();
  }

  /** Ends the response once; false when it had already ended. */
  boolean end() {
    if (ended) {
      return false;
    }
    ended = true;
    if (streaming) {
      runtime.streamClosed();
    }
    return true;
  }

  boolean ended() {
    return ended;
  }
}
