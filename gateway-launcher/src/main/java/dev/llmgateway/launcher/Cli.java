package dev.llmgateway.launcher;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Builds and runs the command line: picocli wiring, {@code start} as the default command, one-line usage errors
 * (exit 2) and one-line failures (exit 1) instead of stack traces.
 */
public final class Cli {
  /** Exit status of a usage error (unknown option, missing argument). */
  public static final int USAGE = 2;
  private static final int HELP_WIDTH = 100;
  private static final Set<String> ROOT_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  private Cli() {}

  /** Runs {@code args} and returns the exit status; {@code start} returns only after the gateway stopped. */
  public static int run(String[] args, EnvVariables env, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    String[] full = withDefaultCommand(args, cli);
    if (full.length > 0 && full[0].equals("start") && !List.of(full).contains("--help") && !List.of(full).contains("-h")) {
      StartWarmup.begin();
    }
    int status = cli.execute(full);
    out.flush();
    err.flush();
    return status;
  }

  /** The configured command tree, with {@code env} behind every environment lookup. */
  static CommandLine commandLine(EnvVariables env) {
    CommandLine cli = new CommandLine(new GatewayCommand(), factory(env));
    cli.setUsageHelpWidth(HELP_WIDTH);
    cli.getSubcommands().get("start").setDefaultValueProvider(new EnvDefaults(env));
    cli.getSubcommands().get("migrations").setDefaultValueProvider(new EnvDefaults(env));
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("gateway: " + usageError(e) + " (see '"
          + failed.getCommandSpec().qualifiedName() + " --help')");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, failed, parsed) -> {
      failed.getErr().println("gateway: unexpected error: " + e);
      return 1;
    });
    return cli;
  }

  /**
   * {@code args} with {@code start} in front when they begin with an option other than help/version (or are
   * empty), so that {@code java -jar gateway.jar --proxy-listen ...} runs start.
   */
  static String[] withDefaultCommand(String[] args, CommandLine cli) {
    if (args.length > 0 && (!args[0].startsWith("-") || ROOT_OPTIONS.contains(args[0]))) {
      return args;
    }
    String[] out = new String[args.length + 1];
    out[0] = "start";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  private static String usageError(picocli.CommandLine.ParameterException e) {
    if (e instanceof picocli.CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-") && !e.getCommandLine().getSubcommands().isEmpty()) {
      return "unknown command '" + u.getUnmatched().get(0) + "' (commands: "
          + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + ")";
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid arguments";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static IFactory factory(EnvVariables env) {
    IFactory fallback = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        Object made;
        if (type == StartCommand.class) {
          made = new StartCommand(env);
        } else if (type == HealthCommand.class) {
          made = new HealthCommand(env);
        } else if (type == ConfigApplyCommand.class) {
          made = new ConfigApplyCommand(env);
        } else if (type == MigrationsCommand.class) {
          made = new MigrationsCommand(env);
        } else if (type == ConfigExportCommand.class) {
          made = new ConfigExportCommand(env);
        } else {
          return fallback.create(type);
        }
        return type.cast(made);
      }
    };
  }
}
