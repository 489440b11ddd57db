package dev.llmgateway.internal.plugins.requesttransformer;

/** The transformer operations, in the order Kong applies them. */
enum Operation { REMOVE, RENAME, REPLACE, ADD, APPEND }
