package dev.llmgateway.cluster.internal.postgres;

import java.io.IOException;

/**
 * The database cannot be used, and which setting to look at: {@link #option()} is the launcher option
 * ({@code --pg-host}, {@code --pg-password}, ...) so that the launcher can name the flag or variable the user set.
 * The message never holds the password.
 */
public final class PgFailure extends IOException {
  private static final long serialVersionUID = 1L;
  private final String option;

  PgFailure(String option, String message, Throwable cause) {
    super(message, cause);
    this.option = option;
  }

  /** The option at fault, such as {@code --pg-host}; null when no single setting is. */
  public String option() {
    return option;
  }
}
