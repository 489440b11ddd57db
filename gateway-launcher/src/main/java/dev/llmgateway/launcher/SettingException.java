package dev.llmgateway.launcher;

/**
 * A setting or start-up condition that stops the gateway from starting; its message is the one line printed
 * before exiting with status 1, naming the setting (flag or variable) and the value at fault.
 */
public final class SettingException extends Exception {
  private static final long serialVersionUID = 1L;

  public SettingException(String message) {
    super(message);
  }

  public SettingException(String message, Throwable cause) {
    super(message, cause);
  }
}
