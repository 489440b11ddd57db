package dev.llmgateway.internal.plugins.acl;

import dev.llmgateway.entity.Consumer;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.util.List;

/**
 * One configured acl plugin (Kong's {@code handler.lua}): after authentication, lets the consumer through when
 * its groups match {@code allow} (or miss {@code deny}) and sends them upstream as {@code X-Consumer-Groups};
 * otherwise 403 "You cannot consume this service". Without a consumer it answers 401 "Unauthorized".
 */
final class AclPlugin implements Plugin {
  static final String GROUPS_HEADER = "X-Consumer-Groups";
  static final String FORBIDDEN = "You cannot consume this service";

  private final AclConfig conf;

  AclPlugin(AclConfig conf) {
    this.conf = conf;
  }

  @Override
  public Verdict access(AccessContext ctx) {
    // A client's own X-Consumer-Groups never reaches the upstream (Kong leaves it when the header is hidden).
    ctx.upstream().headers().remove(GROUPS_HEADER);
    Consumer consumer = ctx.consumer();
    if (consumer == null) {
      return ctx.credentialId() != null ? Verdict.error(403, FORBIDDEN) : Verdict.error(401, "Unauthorized");
    }
    ConsumerGroups all = ConsumerGroups.of(ctx.config());
    List<String> groups = all.of(consumer.id());
    boolean listed = false;
    for (String g : conf.groups()) {
      if (groups.contains(g)) {
        listed = true;
        break;
      }
    }
    if (listed == conf.denies()) {
      return Verdict.error(403, FORBIDDEN);
    }
    if (!conf.hideGroupsHeader()) {
      ctx.upstream().headers().set(GROUPS_HEADER, all.header(consumer.id()));
    }
    return Verdict.proceed();
  }
}
