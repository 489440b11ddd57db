package dev.llmgateway.internal.plugins.prometheus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters labelled with a route, its service and a consumer label (empty unless per_consumer): Kong's request
 * and bandwidth counters, the gateway's disconnect and rejection counters, and the LLM series by provider and model.
 */
final class ConsumerMeters {
  private static final int SOURCES = 2;

  private final RouteMeters route;
  private final String consumer;
  /** {@code kong_http_requests_total} by status and source ({@code service}, {@code kong}). */
  private final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>(600 * SOURCES);
  private volatile LongAdder ingress;
  private volatile LongAdder egress;
  private volatile Counter disconnects;
  private volatile Counter rejections;
  private final ConcurrentMap<String, ConcurrentMap<String, LlmSeries>> llm = new ConcurrentHashMap<>();

  ConsumerMeters(RouteMeters route, String consumer) {
    this.route = route;
    this.consumer = consumer;
  }

  Counter requests(int status, boolean fromService) {
    int code = status >= 0 && status < 600 ? status : 0;
    int i = code * SOURCES + (fromService ? 0 : 1);
    Counter c = requests.get(i);
    if (c == null) {
      c = Counter.builder("kong.http.requests").description("HTTP status codes per consumer/service/route in Kong")
          .tags("service", route.serviceLabel, "route", route.routeLabel, "code", Labels.code(code),
              "source", fromService ? "service" : "kong", "workspace", RouteMeters.WORKSPACE, "consumer", consumer)
          .register(route.registry());
      requests.set(i, c);
    }
    return c;
  }

  LongAdder ingress() {
    LongAdder c = ingress;
    if (c == null) {
      c = ingress = bandwidth("ingress");
    }
    return c;
  }

  LongAdder egress() {
    LongAdder c = egress;
    if (c == null) {
      c = egress = bandwidth("egress");
    }
    return c;
  }

  /**
   * Kong's {@code kong_bandwidth_bytes} keeps its name only as a gauge: Micrometer's Prometheus registry gives every
   * counter a {@code _total} suffix, and dashboards built for Kong query the bare name. The value only grows.
   */
  private LongAdder bandwidth(String direction) {
    // The adder behind a gauge must be the same for every RouteMeters built for these labels (the registry keeps
    // the first gauge registered), so it is kept with the gateway's meters, not here.
    String key = route.serviceLabel + '\0' + route.routeLabel + '\0' + direction + '\0' + consumer;
    return route.all.bandwidth.computeIfAbsent(key, k -> {
      LongAdder bytes = new LongAdder();
      Gauge.builder("kong.bandwidth.bytes", bytes, LongAdder::sum)
          .description("Total bandwidth (ingress/egress) throughput in bytes")
          .tags("service", route.serviceLabel, "route", route.routeLabel, "direction", direction,
              "workspace", RouteMeters.WORKSPACE, "consumer", consumer)
          .strongReference(true).register(route.registry());
      return bytes;
    });
  }

  /** Clients that left before their response was complete (logged as 499 when nothing was sent yet). */
  Counter disconnects() {
    Counter c = disconnects;
    if (c == null) {
      c = disconnects = Counter.builder("llm.gateway.client.disconnects")
          .description("Requests whose client left before the response was complete")
          .tags("service", route.serviceLabel, "route", route.routeLabel, "consumer", consumer)
          .register(route.registry());
    }
    return c;
  }

  /** Requests the gateway refused with 429 itself (rate and token limits), without asking the upstream. */
  Counter rejections() {
    Counter c = rejections;
    if (c == null) {
      c = rejections = Counter.builder("llm.gateway.rate.limit.rejections")
          .description("Requests refused with 429 by a gateway limit, never sent upstream")
          .tags("service", route.serviceLabel, "route", route.routeLabel, "consumer", consumer)
          .register(route.registry());
    }
    return c;
  }

  /** The LLM meters of a provider and model label (the model already bounded by {@link ModelLabels}). */
  LlmSeries llm(String provider, String model) {
    ConcurrentMap<String, LlmSeries> byModel = llm.get(provider);
    if (byModel == null) {
      byModel = llm.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
    }
    LlmSeries s = byModel.get(model);
    if (s == null) {
      s = byModel.computeIfAbsent(model, m -> new LlmSeries(route, consumer, provider, m));
    }
    return s;
  }
}
