package dev.llmgateway.plugin;

/** The response-headers phase's view: the upstream's status and the headers about to go to the client. */
public interface ResponseContext extends RequestState {
  /** The upstream's status. */
  int status();

  /** The headers that will be sent to the client; changes apply. */
  MutableHeaders responseHeaders();
}
