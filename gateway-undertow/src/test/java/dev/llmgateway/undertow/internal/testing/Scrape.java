package dev.llmgateway.undertow.internal.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Prometheus text exposition parsed into samples, for exact assertions on what {@code /metrics} printed. */
public final class Scrape {
  /** One sample line: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final Map<String, String> types;

  private Scrape(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        types.put(p[2], p[3]);
        continue;
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0) {
        String body = line.substring(brace + 1, line.lastIndexOf('}'));
        int i = 0;
        while (i < body.length()) {
          int eq = body.indexOf('=', i);
          String key = body.substring(i, eq);
          StringBuilder v = new StringBuilder();
          int j = eq + 2;
          while (body.charAt(j) != '"') {
            if (body.charAt(j) == '\\') {
              j++;
            }
            v.append(body.charAt(j++));
          }
          labels.put(key, v.toString());
          i = j + 1;
          if (i < body.length() && body.charAt(i) == ',') {
            i++;
          }
        }
      }
      samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new Scrape(samples, types);
  }

  /** The type a {@code # TYPE} line gave the family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  /** Every sample. */
  public List<Sample> all() {
    return samples;
  }

  /** Every sample of {@code name}. */
  public List<Sample> all(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the one sample of {@code name} whose labels include {@code pairs}; fails when not exactly one. */
  public double value(String name, String... pairs) {
    List<Sample> found = matching(name, pairs);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(pairs) + ": " + found);
    }
    return found.get(0).value();
  }

  /** The samples of {@code name} whose labels include {@code pairs}. */
  public List<Sample> matching(String name, String... pairs) {
    return all(name).stream().filter(s -> {
      for (int i = 0; i < pairs.length; i += 2) {
        if (!pairs[i + 1].equals(s.labels().get(pairs[i]))) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  /** The distinct values of one label over the samples of {@code name}. */
  public Set<String> labelValues(String name, String label) {
    Set<String> out = new TreeSet<>();
    all(name).forEach(s -> {
      if (s.labels().containsKey(label)) {
        out.add(s.labels().get(label));
      }
    });
    return out;
  }

  /** How many samples there are in all. */
  public int size() {
    return samples.size();
  }
}
