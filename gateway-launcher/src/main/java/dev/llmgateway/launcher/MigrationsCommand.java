package dev.llmgateway.launcher;

import dev.llmgateway.cluster.internal.postgres.Migrations;
import dev.llmgateway.cluster.internal.postgres.PgFailure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gateway migrations bootstrap|up|finish|list|reset}: Kong's commands for the cluster database. Safe to run
 * from several nodes at once (an advisory lock serialises them); {@code start} refuses a database they have not
 * prepared.
 */
@Command(name = "migrations", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prepare the cluster's PostgreSQL database (see docs/cluster.md):",
        "  bootstrap  create the gateway's tables in an empty database",
        "  up         run the migrations a newer gateway brings",
        "  finish     complete migrations that 'up' left pending",
        "  list       show executed and pending migrations (exit 3: bootstrap needed, 4: up needed,"
            + " 5: finish needed)",
        "  reset      drop the gateway's tables, and with them the configuration (needs --yes)"},
    footer = {"", "Exit status: 0 when done, 1 when the database cannot be used, 2 on a usage error."})
final class MigrationsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMMAND", description = "bootstrap, up, finish, list or reset")
  String command;

  @Option(names = {"-y", "--yes"}, description = "Confirm 'reset'.")
  boolean yes;

  @Mixin
  DatabaseOptions database = new DatabaseOptions();

  private final EnvVariables env;

  MigrationsCommand(EnvVariables env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClusterSettings cluster;
    try {
      cluster = new ClusterSettingsReader(database, new OptionSources(spec, new EnvDefaults(env)), env).read(true)
          .orElseThrow();
    } catch (SettingException e) {
      err.println("gateway: " + e.getMessage());
      return 1;
    }
    Migrations migrations = new Migrations(cluster.pg());
    try {
      Migrations.Outcome outcome = switch (command) {
        case "bootstrap" -> migrations.bootstrap();
        case "up" -> migrations.up();
        case "finish" -> migrations.finish();
        case "list" -> migrations.list();
        case "reset" -> {
          if (!yes) {
            err.println("gateway: 'migrations reset' drops the whole configuration of " + cluster.pg().describe()
                + "; run it again with --yes");
            yield null;
          }
          yield migrations.reset();
        }
        default -> {
          err.println("gateway: unknown migrations command '" + command + "' (bootstrap, up, finish, list, reset)");
          yield new Migrations.Outcome(java.util.List.of(), 2);
        }
      };
      if (outcome == null) {
        return 1;
      }
      outcome.lines().forEach(out::println);
      return outcome.exitStatus();
    } catch (PgFailure e) {
      err.println("gateway: " + cluster.explain(e));
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
