package dev.llmgateway.internal.plugins.prometheus;

import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The meters labelled with one route and its service: Kong's latency histograms here, the consumer-labelled ones
 * in {@link ConsumerMeters}. Each meter is registered the first time it is needed (so a family appears only once
 * a request recorded into it, as in Kong) and kept.
 */
final class RouteMeters {
  static final String WORKSPACE = "default";

  final Route route;
  final Service service;
  final String serviceLabel;
  final String routeLabel;
  final KongMeters all;
  private final ConcurrentMap<String, ConsumerMeters> consumers = new ConcurrentHashMap<>();
  private volatile DistributionSummary kongLatency;
  private volatile DistributionSummary upstreamLatency;
  private volatile DistributionSummary requestLatency;
  private volatile Timer overhead;

  RouteMeters(KongMeters all, Route route, Service service) {
    this.all = all;
    this.route = route;
    this.service = service;
    this.serviceLabel = Labels.service(service);
    this.routeLabel = Labels.route(route);
  }

  MeterRegistry registry() {
    return all.registry;
  }

  ConsumerMeters consumer(String label) {
    ConsumerMeters m = consumers.get(label);
    if (m == null) {
      m = consumers.computeIfAbsent(label, l -> new ConsumerMeters(this, l));
    }
    return m;
  }

  DistributionSummary kongLatency() {
    DistributionSummary s = kongLatency;
    if (s == null) {
      s = kongLatency = latency("kong.kong.latency.ms", "Latency added by Kong in ms", Buckets.KONG_LATENCY_MS);
    }
    return s;
  }

  DistributionSummary upstreamLatency() {
    DistributionSummary s = upstreamLatency;
    if (s == null) {
      s = upstreamLatency = latency("kong.upstream.latency.ms", "Latency added by upstream response in ms",
          Buckets.UPSTREAM_LATENCY_MS);
    }
    return s;
  }

  DistributionSummary requestLatency() {
    DistributionSummary s = requestLatency;
    if (s == null) {
      s = requestLatency = latency("kong.request.latency.ms", "Total latency incurred during requests in ms",
          Buckets.UPSTREAM_LATENCY_MS);
    }
    return s;
  }

  /** The gateway's own time per request, in seconds (not a Kong metric). */
  Timer overhead() {
    Timer s = overhead;
    if (s == null) {
      s = overhead = Timer.builder("llm.gateway.overhead")
          .description("Time spent in the gateway itself, excluding the upstream")
          .serviceLevelObjectives(Buckets.OVERHEAD)
          .tags("service", serviceLabel, "route", routeLabel).register(all.registry);
    }
    return s;
  }

  private DistributionSummary latency(String name, String help, double[] buckets) {
    return DistributionSummary.builder(name).description(help).serviceLevelObjectives(buckets)
        .tags("service", serviceLabel, "route", routeLabel, "workspace", WORKSPACE).register(all.registry);
  }
}
