package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.entity.Route;
import dev.llmgateway.entity.Service;
import dev.llmgateway.internal.llm.LlmStats;
import dev.llmgateway.undertow.internal.log.AccessLogEntry;
import dev.llmgateway.undertow.internal.upstream.UpstreamAddress;

/**
 * How one request ended, built once from its legs when it ends and handed to the log phase, which reads nothing
 * else of the request's live state: plugins' log phases (through {@link PluginContext}) and the access log line.
 *
 * @param startedAt arrival, milliseconds since the epoch
 * @param failure why the request ended abnormally ({@code "client closed"}, a Kong error's reason), or null
 * @param kongMillis the gateway's own time before the upstream call (the total when there was none)
 * @param upstreamMillis from the upstream call to its response head; -1 when no response came
 * @param bytesReceived request body bytes sent upstream
 * @param bytesSent response body bytes sent to the client
 * @param upstreamUri path and query sent upstream, null when the upstream was not called
 * @param upstreamTarget the address of the last upstream attempt, null when none was made
 * @param path the client's raw path, null when it could not be read
 * @param route null when none matched; same for service and consumer
 * @param llm the LLM figures for the access log (null when none, or when the plugin keeps them out of it)
 */
record RequestOutcome(long startedAt, int status, String failure, long totalMillis, long kongMillis,
    long upstreamMillis, long bytesReceived, long bytesSent, String upstreamUri, UpstreamAddress upstreamTarget,
    String method, String path, String clientIp, Route route, Service service, Consumer consumer,
    String requestId, LlmStats llm) {

  /** The access log's line for this request. */
  AccessLogEntry logEntry() {
    return new AccessLogEntry(startedAt, clientIp, method, path == null ? "-" : path, status, bytesSent,
        totalMillis, upstreamMillis,
        route == null ? null : route.name() != null ? route.name() : route.id().toString(),
        service == null ? null : service.name() != null ? service.name() : service.id().toString(),
        consumer == null ? null : consumer.username() != null ? consumer.username()
            : consumer.customId() != null ? consumer.customId() : consumer.id().toString(),
        requestId, llm);
  }
}
