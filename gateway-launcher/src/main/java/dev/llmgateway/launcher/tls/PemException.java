package dev.llmgateway.launcher.tls;

/** A PEM file that cannot be used, with a one-line reason that names the file and says what to do. */
public final class PemException extends Exception {
  private static final long serialVersionUID = 1L;

  public PemException(String message) {
    super(message);
  }

  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
