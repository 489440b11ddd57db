package dev.llmgateway.internal.route;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A radix tree over the routes' prefix paths: walking it along a request path visits exactly the prefix paths that
 * are string prefixes of the request path (Kong's prefixes are not segment-aware), whatever the number of routes.
 */
final class PrefixTrie {
  private final Node root;

  private PrefixTrie(Node root) {
    this.root = root;
  }

  static PrefixTrie build(Map<String, Candidates> byPrefix) {
    Building top = new Building();
    byPrefix.forEach((prefix, candidates) -> {
      Building node = top;
      for (int i = 0; i < prefix.length(); i++) {
        node = node.children.computeIfAbsent(prefix.charAt(i), c -> new Building());
      }
      node.candidates = candidates;
    });
    return new PrefixTrie(top.freeze(""));
  }

  /** The best-ranked matching sub-route whose prefix path starts {@code path}, better than {@code rankLimit}. */
  SubRoute best(RouteRequest request, String path, int rankLimit) {
    SubRoute best = null;
    int limit = rankLimit;
    int pos = 0;
    Node node = root;
    while (node != null && path.startsWith(node.label, pos)) {
      pos += node.label.length();
      if (node.candidates != null) {
        SubRoute found = node.candidates.best(request, path, limit);
        if (found != null) {
          best = found;
          limit = found.rank;
        }
      }
      node = pos < path.length() ? node.child(path.charAt(pos)) : null;
    }
    return best;
  }

  /** An immutable node: the edge label leading to it, its children by first character, and who ends here. */
  private static final class Node {
    final String label;
    final char[] firsts;
    final Node[] children;
    final Candidates candidates;

    Node(String label, char[] firsts, Node[] children, Candidates candidates) {
      this.label = label;
      this.firsts = firsts;
      this.children = children;
      this.candidates = candidates;
    }

    Node child(char c) {
      int i = Arrays.binarySearch(firsts, c);
      return i >= 0 ? children[i] : null;
    }
  }

  /** One character per node while building; frozen into a radix tree by merging single-child chains. */
  private static final class Building {
    final TreeMap<Character, Building> children = new TreeMap<>();
    Candidates candidates;

    Node freeze(String label) {
      StringBuilder edge = new StringBuilder(label);
      Building node = this;
      while (node.candidates == null && node.children.size() == 1) {
        Map.Entry<Character, Building> only = node.children.firstEntry();
        edge.append(only.getKey().charValue());
        node = only.getValue();
      }
      char[] firsts = new char[node.children.size()];
      Node[] frozen = new Node[firsts.length];
      int i = 0;
      for (Map.Entry<Character, Building> e : node.children.entrySet()) {
        firsts[i] = e.getKey();
        frozen[i] = e.getValue().freeze(String.valueOf(e.getKey().charValue()));
        i++;
      }
      return new Node(edge.toString(), firsts, frozen, node.candidates);
    }
  }
}
