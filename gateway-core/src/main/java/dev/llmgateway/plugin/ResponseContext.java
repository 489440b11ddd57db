package dev.llmgateway.plugin;

/** The response-headers phase's view: the status and the headers about to go to the client. */
public interface ResponseContext extends RequestState {
  /** The status about to be sent: the upstream's, or that of the gateway's own answer. */
  int status();

  /** True when the upstream answered; false when the gateway answers itself (a plugin's verdict, a Kong error). */
  boolean proxied();

  /** The headers that will be sent to the client; changes apply. */
  MutableHeaders responseHeaders();
}
