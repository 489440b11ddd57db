package dev.llmgateway.internal.plugins.correlationid;

import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;

/**
 * One configured correlation-id plugin (Kong's {@code handler.lua}): keeps the client's id or makes one, sends it
 * upstream, records it for the log, and with {@code echo_downstream} returns it to the client, also on responses
 * a later plugin answers itself.
 */
final class CorrelationIdPlugin implements Plugin {
  private final CorrelationIdConfig conf;

  CorrelationIdPlugin(CorrelationIdConfig conf) {
    this.conf = conf;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    String id = ctx.request().headers().first(conf.headerName());
    if (id == null || id.isEmpty()) {
      id = IdGenerator.next(conf.generator(), ctx.request());
      ctx.upstream().headers().set(conf.headerName(), id);
    }
    ctx.put(CorrelationId.KEY, id);
    if (conf.echoDownstream()) {
      ctx.responseHeaders().set(conf.headerName(), id);
    }
    return Verdict.proceed();
  }
}
