package dev.llmgateway.undertow.internal.http;

import dev.llmgateway.plugin.MutableHeaders;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin SPI's headers over one of Undertow's header maps, without copying. The names plugins set are
 * constants of their own ({@code X-Consumer-ID}, {@code X-RateLimit-Limit-Minute}), so each name's
 * {@link HttpString} is made once and shared instead of on every request (bounded: past {@value #MAX_NAMES}
 * names, new ones are converted each time).
 */
final class HeaderMapView implements MutableHeaders {
  private static final int MAX_NAMES = 1024;
  private static final Map<String, HttpString> NAMES = new ConcurrentHashMap<>();

  private final HeaderMap map;

  HeaderMapView(HeaderMap map) {
    this.map = map;
  }

  HeaderMap map() {
    return map;
  }

  @Override
  public String first(String name) {
    return map.getFirst(name);
  }

  @Override
  public List<String> all(String name) {
    HeaderValues values = map.get(name);
    return values == null ? List.of() : values;
  }

  @Override
  public Collection<String> names() {
    List<String> names = new ArrayList<>(map.size());
    for (HttpString n : map.getHeaderNames()) {
      names.add(n.toString());
    }
    return names;
  }

  @Override
  public void set(String name, String value) {
    map.put(name(name), value);
  }

  @Override
  public void add(String name, String value) {
    map.add(name(name), value);
  }

  @Override
  public void remove(String name) {
    map.remove(name);
  }

  private static HttpString name(String name) {
    HttpString h = NAMES.get(name);
    if (h == null) {
      h = HttpString.tryFromString(name);
      if (NAMES.size() < MAX_NAMES) {
        NAMES.putIfAbsent(name, h);
      }
    }
    return h;
  }
}
