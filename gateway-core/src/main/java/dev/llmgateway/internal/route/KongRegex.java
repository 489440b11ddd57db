package dev.llmgateway.internal.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong's regex dialect (what both PCRE2 and the Rust {@code regex} crate of Kong's router accept) translated for
 * {@code java.util.regex}, in the one place that route validation and routing share. Named groups in either
 * spelling, {@code (?<name>...)} or {@code (?P<name>...)}, with underscores, are renamed to Java-legal names and
 * mapped back; POSIX classes such as {@code [[:alpha:]]} become explicit ASCII ranges; a {@code ]} first in a
 * class and {@code [} or {@code &} inside one are literals, as in PCRE. What Kong's router refuses (look-around,
 * atomic groups, possessive quantifiers, backreferences, recursion, conditionals, {@code \Z}, {@code \K},
 * {@code \G}, {@code \Q}) is refused here too. {@code \d}, {@code \w}, {@code \s}, {@code \b} are Unicode-aware, as
 * in Kong's default router.
 */
public final class KongRegex {
  private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
  private static final Pattern QUANTIFIER = Pattern.compile("\\{\\d+(,\\d*)?\\}");
  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alpha", "A-Za-z"), Map.entry("digit", "0-9"), Map.entry("alnum", "A-Za-z0-9"),
      Map.entry("upper", "A-Z"), Map.entry("lower", "a-z"), Map.entry("xdigit", "0-9A-Fa-f"),
      Map.entry("space", " \\t\\n\\x0B\\f\\r"), Map.entry("blank", " \\t"), Map.entry("punct",
          "!-/:-@\\[-`{-~"), Map.entry("word", "A-Za-z0-9_"), Map.entry("cntrl", "\\x00-\\x1F\\x7F"),
      Map.entry("print", "\\x20-\\x7E"), Map.entry("graph", "\\x21-\\x7E"), Map.entry("ascii", "\\x00-\\x7F"));

  private final Pattern pattern;
  private final Map<String, String> kongNames;

  private KongRegex(Pattern pattern, Map<String, String> kongNames) {
    this.pattern = pattern;
    this.kongNames = kongNames;
  }

  /** Thrown for a pattern Kong refuses; the message is Kong's field error ({@code invalid regex: '...' (...)}). */
  public static final class Invalid extends IllegalArgumentException {
    private final String reason;

    Invalid(String regex, String reason) {
      super("invalid regex: '" + regex + "' (" + reason + ")");
      this.reason = reason;
    }
  }

  /** Compiles {@code regex} (without Kong's {@code ~} or {@code ~*} prefix); throws {@link Invalid}. */
  public static KongRegex compile(String regex) {
    return compile(regex, false);
  }

  private static KongRegex compile(String regex, boolean lowerCased) {
    Translation t = new Translation(regex, lowerCased);
    t.run();
    try {
      return new KongRegex(Pattern.compile(t.out.toString(), Pattern.UNICODE_CHARACTER_CLASS), t.names);
    } catch (PatternSyntaxException e) {
      throw new Invalid(regex, "PCRE returned: " + pcreText(e.getDescription()));
    }
  }

  /** Kong's error for the path regex {@code regex}, or null when Kong's router accepts it. */
  public static String check(String regex) {
    try {
      compile(regex);
      return null;
    } catch (Invalid e) {
      return e.getMessage();
    }
  }

  /** Kong's error for the header regex {@code regex}, or null when Kong's router accepts it. */
  public static String checkHeader(String regex) {
    try {
      compileHeader(regex);
      return null;
    } catch (Invalid e) {
      return e.getMessage();
    }
  }

  /**
   * A header regex as Kong's router applies it ({@code ~*} values): the regex is lower-cased before compiling (so
   * {@code \D} becomes {@code \d}, as in Kong) and is searched in the lower-cased header value.
   */
  public static KongRegex compileHeader(String regex) {
    try {
      return compile(regex.toLowerCase(Locale.ROOT), true);
    } catch (Invalid e) {
      throw new Invalid(regex, e.reason);
    }
  }

  public Pattern pattern() {
    return pattern;
  }

  /** The Kong name of every named group, keyed by its Java name, in group order. */
  public Map<String, String> groupNames() {
    return kongNames;
  }

  /** The PCRE2 wording for Java's most common syntax errors, so messages read as Kong's. */
  private static String pcreText(String javaDescription) {
    return switch (javaDescription) {
      case "Unclosed group" -> "missing closing parenthesis";
      case "Unmatched closing ')'" -> "unmatched closing parenthesis";
      case "Unclosed character class" -> "missing terminating ] for character class";
      case "Illegal repetition" -> "quantifier does not follow a repeatable item";
      case "Illegal character range" -> "range out of order in character class";
      default -> javaDescription.startsWith("Dangling meta character")
          ? "quantifier does not follow a repeatable item" : javaDescription;
    };
  }

  /** One pass over the source, writing the Java pattern. */
  private static final class Translation {
    private final String src;
    /** A lower-cased header regex: {@code (?p<name>} is what {@code (?P<name>} became. */
    private final boolean lowerCased;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> names = new LinkedHashMap<>();
    private int i;

    Translation(String src, boolean lowerCased) {
      this.src = src;
      this.lowerCased = lowerCased;
    }

    void run() {
      int n = src.length();
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\\') {
          escape();
        } else if (c == '[') {
          characterClass();
        } else if (c == '(') {
          group();
        } else if (c == '{' && quantifierAt(i) > 0) {
          int end = quantifierAt(i);
          out.append(src, i, end);
          i = end;
          possessive();
        } else if (c == '*' || c == '+' || c == '?') {
          out.append(c);
          i++;
          possessive();
        } else {
          out.append(c);
          i++;
        }
      }
    }

    private int quantifierAt(int at) {
      Matcher m = QUANTIFIER.matcher(src).region(at, src.length());
      return m.lookingAt() ? m.end() : -1;
    }

    /** A quantifier may be followed by {@code ?} (lazy, kept) but not {@code +} (possessive). */
    private void possessive() {
      if (i < src.length() && src.charAt(i) == '+') {
        refuse("possessive quantifiers are not supported");
      }
      if (i < src.length() && src.charAt(i) == '?') {
        out.append('?');
        i++;
      }
    }

    private void escape() {
      if (i + 1 >= src.length()) {
        out.append('\\');
        i++;
        return;
      }
      char e = src.charAt(i + 1);
      if (e >= '1' && e <= '9' || e == 'k' || e == 'g') {
        refuse("backreferences are not supported");
      }
      switch (e) {
        case 'Z', 'K', 'G', 'Q', 'E' -> refuse("\\" + e + " is not supported");
        default -> { }
      }
      out.append('\\').append(e);
      i += 2;
    }

    private void group() {
      if (!src.startsWith("(?", i)) {
        out.append('(');
        i++;
        return;
      }
      int at = i + 2;
      boolean pcreName = src.startsWith("P<", at) || lowerCased && src.startsWith("p<", at);
      if (pcreName || src.startsWith("<", at) && !src.startsWith("<=", at)
          && !src.startsWith("<!", at)) {
        int start = pcreName ? at + 2 : at + 1;
        int end = src.indexOf('>', start);
        String name = end < 0 ? "" : src.substring(start, end);
        if (end < 0 || !GROUP_NAME.matcher(name).matches()) {
          refuse("PCRE returned: subpattern name expected");
        }
        if (names.containsValue(name)) {
          refuse("PCRE returned: two named subpatterns have the same name (PCRE2_DUPNAMES not set)");
        }
        String javaName = "kongGroup" + (names.size() + 1);
        names.put(javaName, name);
        out.append("(?<").append(javaName).append('>');
        i = end + 1;
        return;
      }
      if (src.startsWith("=", at) || src.startsWith("!", at) || src.startsWith("<=", at)
          || src.startsWith("<!", at)) {
        refuse("look-around, including look-ahead and look-behind, is not supported");
      }
      if (src.startsWith(">", at)) {
        refuse("atomic groups are not supported");
      }
      if (src.startsWith("P=", at) || src.startsWith("P>", at) || src.startsWith("&", at) || src.startsWith("R", at)
          || at < src.length() && (Character.isDigit(src.charAt(at)) || src.charAt(at) == '+'
          || src.charAt(at) == '-' && at + 1 < src.length() && Character.isDigit(src.charAt(at + 1)))) {
        refuse("backreferences and recursion are not supported");
      }
      if (src.startsWith("(", at) || src.startsWith("|", at) || src.startsWith("'", at) || src.startsWith("#", at)
          || src.startsWith("C", at)) {
        refuse("this group syntax is not supported");
      }
      int flagsEnd = at;
      while (flagsEnd < src.length() && (Character.isLetter(src.charAt(flagsEnd)) || src.charAt(flagsEnd) == '-')) {
        flagsEnd++;
      }
      if (src.substring(at, flagsEnd).indexOf('U') >= 0) {
        refuse("the swap-greed flag (?U) is not supported here");
      }
      out.append("(?");
      i = at;
    }

    /** A bracket class with PCRE's literal rules, POSIX classes expanded. */
    private void characterClass() {
      out.append('[');
      i++;
      if (i < src.length() && src.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      if (i < src.length() && src.charAt(i) == ']') {
        out.append("\\]");
        i++;
      }
      while (i < src.length()) {
        char c = src.charAt(i);
        if (c == ']') {
          out.append(']');
          i++;
          return;
        }
        if (c == '\\' && i + 1 < src.length()) {
          out.append(c).append(src.charAt(i + 1));
          i += 2;
        } else if (c == '[' && src.startsWith("[:", i)) {
          posix();
        } else if (c == '[' || c == '&') {
          out.append('\\').append(c);
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
      // Unclosed: let Java report it.
    }

    private void posix() {
      int end = src.indexOf(":]", i + 2);
      String name = end < 0 ? "" : src.substring(i + 2, end);
      boolean negated = name.startsWith("^");
      String ranges = POSIX.get(negated ? name.substring(1) : name);
      if (ranges == null) {
        refuse("PCRE returned: unknown POSIX class name");
      }
      out.append(negated ? "[^" + ranges + "]" : ranges);
      i = end + 2;
    }

    private void refuse(String reason) {
      throw new Invalid(src, reason);
    }
  }
}
