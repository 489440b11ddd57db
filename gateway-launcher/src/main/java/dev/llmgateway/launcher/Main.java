package dev.llmgateway.launcher;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The entry point of {@code gateway.jar}: runs the command line and exits with its status. */
public final class Main {
  /** Libraries that log their versions at INFO on start-up; kept strongly reachable so the levels stick. */
  private static List<Logger> quiet = List.of();

  private Main() {}

  public static void main(String[] args) {
    // One line per log record (java.util.logging's default takes two), unless the user configured logging.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
      quiet = List.of(Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss"), Logger.getLogger("io.undertow"),
          Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("redis.clients"));
      quiet.forEach(logger -> logger.setLevel(Level.WARNING));
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, Charset.defaultCharset()), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    System.exit(Cli.run(args, EnvVariables.system(), out, err));
  }
}
