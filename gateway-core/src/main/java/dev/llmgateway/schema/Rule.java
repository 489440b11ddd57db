package dev.llmgateway.schema;

/**
 * One validator of a field with its place in Kong's fixed validation order ({@code Schema.validators_order} in
 * {@code kong/db/schema/init.lua}): whatever order a schema declares them in, Kong runs {@code one_of} before
 * {@code len_min} before {@code match_none} before the custom validator, and reports the first failure.
 */
record Rule(Kind kind, Validator validator) {
  /** Kong's validator kinds, in the order Kong runs them. */
  enum Kind {
    EQ, NE, NOT_ONE_OF, ONE_OF, GT, TIMESTAMP, UUID, IS_REGEX, BETWEEN, LEN_EQ, LEN_MIN, LEN_MAX, STARTS_WITH,
    NOT_MATCH, MATCH_NONE, MATCH, MATCH_ALL, MATCH_ANY, CONTAINS, CUSTOM, MUTUALLY_EXCLUSIVE_SUBSETS
  }
}
