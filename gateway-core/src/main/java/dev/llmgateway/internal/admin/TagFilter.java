package dev.llmgateway.internal.admin;

import dev.llmgateway.internal.store.ApiError;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code tags} query filter: {@code a,b} matches entities tagged with all of them, {@code a/b} with any;
 * at most five tags; a mix of both separators is refused as Kong refuses it.
 */
record TagFilter(List<String> tags, boolean all) {
  static final TagFilter NONE = new TagFilter(List.of(), true);

  private static final String TAG = "[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+";
  private static final Pattern AND = Pattern.compile("^(" + TAG + "(?:,|$))+$");
  private static final Pattern OR = Pattern.compile("^(" + TAG + "(?:/|$))+$");
  private static final int MAX_TAGS = 5;

  static TagFilter parse(String query) {
    if (query == null) {
      return NONE;
    }
    TagFilter filter;
    if (AND.matcher(query).matches()) {
      filter = new TagFilter(Arrays.asList(query.split(",")), true);
    } else if (OR.matcher(query).matches()) {
      filter = new TagFilter(Arrays.asList(query.split("/")), false);
    } else {
      throw ApiError.invalidOptions("tags", "must be a table");
    }
    if (filter.tags.size() > MAX_TAGS) {
      throw ApiError.invalidOptions("tags", "cannot query more than " + MAX_TAGS + " tags");
    }
    return filter;
  }

  boolean matches(List<String> entityTags) {
    if (tags.isEmpty()) {
      return true;
    }
    List<String> have = entityTags == null ? List.of() : entityTags;
    return all ? have.containsAll(tags) : tags.stream().anyMatch(have::contains);
  }
}
