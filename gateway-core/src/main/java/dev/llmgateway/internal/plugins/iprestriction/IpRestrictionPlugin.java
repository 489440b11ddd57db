package dev.llmgateway.internal.plugins.iprestriction;

import dev.llmgateway.net.IpRange;
import dev.llmgateway.plugin.AccessContext;
import dev.llmgateway.plugin.Plugin;
import dev.llmgateway.plugin.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured ip-restriction plugin (Kong's {@code handler.lua}): the client address as the gateway resolves
 * it is refused when it is in {@code deny} (checked first), or when {@code allow} is set and it is not in it.
 */
final class IpRestrictionPlugin implements Plugin {
  private final List<IpRange> allow;
  private final List<IpRange> deny;
  private final int status;
  private final String message;

  IpRestrictionPlugin(IpRestrictionConfig conf) {
    this.allow = ranges(conf.allow());
    this.deny = ranges(conf.deny());
    this.status = conf.status() == null ? 403 : (int) Math.max(Integer.MIN_VALUE,
        Math.min(Integer.MAX_VALUE, conf.status()));
    this.message = conf.message();
  }

  private static List<IpRange> ranges(List<String> texts) {
    List<IpRange> out = new ArrayList<>();
    if (texts != null) {
      for (String t : texts) {
        out.add(IpRange.parse(t));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public Verdict access(AccessContext ctx) {
    String ip = ctx.request().clientIp();
    byte[] address = IpRange.address(ip);
    if (address == null) {
      return Verdict.error(403, "Cannot identify the client IP address, unix domain sockets are not supported.");
    }
    if (any(deny, address) || (!allow.isEmpty() && !any(allow, address))) {
      if (status < 400 || status > 599) {
        // Kong's kong.response.error refuses such a status with a Lua error, which ends as a 500.
        return Verdict.error(500, "An unexpected error occurred");
      }
      return Verdict.error(status, message != null ? message : "IP address not allowed: " + ip);
    }
    return Verdict.proceed();
  }

  private static boolean any(List<IpRange> ranges, byte[] address) {
    for (IpRange r : ranges) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
