package dev.llmgateway.store;

import java.io.IOException;

/**
 * A {@link SharedConfigStore} refused a commit because another node committed first; nothing was written. The
 * writer catches up and tries again, so clients never see this.
 */
public final class StaleWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  public StaleWriteException(String message) {
    super(message);
  }
}
