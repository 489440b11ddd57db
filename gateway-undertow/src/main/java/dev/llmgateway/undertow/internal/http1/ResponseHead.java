package dev.llmgateway.undertow.internal.http1;

import io.undertow.util.HeaderMap;

/**
 * An upstream response head as the gateway's HTTP/1.1 codec parsed it: the status, whether the upstream spoke
 * HTTP/1.0, and the header fields in arrival order (names of the common fields are shared constants).
 */
public final class ResponseHead {
  private final int status;
  private final boolean http10;
  private final HeaderMap headers;

  ResponseHead(int status, boolean http10, HeaderMap headers) {
    this.status = status;
    this.http10 = http10;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  /** True for an {@code HTTP/1.0} status line: such a connection is never reused. */
  public boolean http10() {
    return http10;
  }

  public HeaderMap headers() {
    return headers;
  }

  /** An interim (1xx) response other than 101: skipped, the final response follows on the connection. */
  public boolean interim() {
    return status < 200 && status != 101;
  }
}
