package dev.llmgateway.plugins.prometheus;

import io.micrometer.core.instrument.Counter;
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
  private volatile Counter ingress;
  private volatile Counter egress;
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

  Counter ingress() {
    Counter c = ingress;
    if (c == null) {
      c = ingress = bandwidth("ingress");
    }
    return c;
  }

  Counter egress() {
    Counter c = egress;
    if (c == null) {
      c = egress = bandwidth("egress");
    }
    return c;
  }

  private Counter bandwidth(String direction) {
    return Counter.builder("kong.bandwidth.bytes")
        .description("Total bandwidth (ingress/egress) throughput in bytes")
        .tags("service", route.serviceLabel, "route", route.routeLabel, "direction", direction,
            "workspace", RouteMeters.WORKSPACE, "consumer", consumer)
        .register(route.registry());
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
