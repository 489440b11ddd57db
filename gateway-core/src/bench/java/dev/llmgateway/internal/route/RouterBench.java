package dev.llmgateway.internal.route;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Match time of the router at 100, 1,000 and 10,000 prefix routes ({@code /v1/svc-N}, each with its own service,
 * built through the real schemas), for requests such as {@code /v1/svc-1234/chat/completions} that each match one
 * of them; the requests rotate over 1,024 different paths so that no single path stays hot.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBench {
  private static final String[] SUFFIXES = {"/chat/completions", "/completions", "/models", "/embeddings"};

  @Param({"100", "1000", "10000"})
  public int routes;

  private Router router;
  private BenchRequest[] requests;
  private String[] rawPaths;
  private int next;

  @Setup(Level.Trial)
  public void compile() {
    Map<UUID, Service> services = new HashMap<>();
    List<Route> table = new ArrayList<>();
    for (int i = 0; i < routes; i++) {
      Service s = Service.of(Service.SCHEMA.validate(Service.TYPE.expandShorthands(
          row("id", UUID.randomUUID().toString(), "name", "svc-" + i, "url", "http://10.0.0.1:8080/v1"))));
      services.put(s.id(), s);
      table.add(Route.of(Route.SCHEMA.validate(row("id", UUID.randomUUID().toString(), "name", "route-" + i,
          "paths", List.of("/v1/svc-" + i), "service", Map.of("id", s.id().toString())))));
    }
    router = Router.compile(table, services);
    Random random = new Random(7);
    requests = new BenchRequest[1024];
    rawPaths = new String[requests.length];
    for (int i = 0; i < requests.length; i++) {
      rawPaths[i] = "/v1/svc-" + random.nextInt(routes) + SUFFIXES[random.nextInt(SUFFIXES.length)];
      requests[i] = new BenchRequest(rawPaths[i]);
      if (router.match(requests[i]) == null) {
        throw new IllegalStateException("no match for " + rawPaths[i]);
      }
    }
    // A live router has been through collections and sits compacted; right after building it, it is scattered
    // among the set-up garbage, which makes the first iterations measure cache misses instead of matching.
    System.gc();
  }

  private static Map<String, Object> row(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** Routing alone: the path is already normalised. */
  @Benchmark
  public RouteMatch match() {
    BenchRequest r = requests[next++ & 1023];
    return router.match(r);
  }

  /** What the proxy does per request: normalise the raw path once, then route. */
  @Benchmark
  public RouteMatch normalizeAndMatch() {
    int i = next++ & 1023;
    BenchRequest r = requests[i];
    r.path = PathNormalizer.normalize(rawPaths[i]);
    return router.match(r);
  }

  /** A request as an adapter presents it. */
  static final class BenchRequest implements RouteRequest {
    String path;

    BenchRequest(String path) {
      this.path = path;
    }

    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public String host() {
      return "gateway.internal";
    }

    @Override
    public int port() {
      return 8000;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public List<String> headerValues(String name) {
      return List.of();
    }
  }
}
