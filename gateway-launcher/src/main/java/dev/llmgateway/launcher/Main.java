package dev.llmgateway.launcher;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The entry point of {@code gateway.jar}: runs the command line and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, Charset.defaultCharset()), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    System.exit(Cli.run(args, EnvVariables.system(), out, err));
  }
}
