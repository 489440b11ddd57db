package dev.llmgateway.undertow.http;

import dev.llmgateway.plugin.MutableHeaders;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The plugin SPI's headers over one of Undertow's header maps, without copying. */
final class HeaderMapView implements MutableHeaders {
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
    map.put(HttpString.tryFromString(name), value);
  }

  @Override
  public void add(String name, String value) {
    map.add(HttpString.tryFromString(name), value);
  }

  @Override
  public void remove(String name) {
    map.remove(name);
  }
}
