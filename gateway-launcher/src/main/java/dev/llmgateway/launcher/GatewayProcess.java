package dev.llmgateway.launcher;

import dev.llmgateway.launcher.listen.Ipv6Wildcard;
import java.io.PrintWriter;

/**
 * One run of {@code start}: checks, starts the listeners, prints where they are, then waits until a signal has
 * drained and stopped the gateway. Returns the process exit status.
 */
final class GatewayProcess {
  private final StartSettings settings;
  private final EnvVariables env;
  private final PrintWriter out;
  private final PrintWriter err;

  GatewayProcess(StartSettings settings, EnvVariables env, PrintWriter out, PrintWriter err) {
    this.settings = settings;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run() {
    try {
      Preflight.Checked checked = Preflight.run(settings, Ipv6Wildcard::available);
      throw new SettingException("start is wired to the Undertow gateway when it lands (checked "
          + checked.proxy() + ")");
    } catch (SettingException e) {
      err.println("gateway: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
