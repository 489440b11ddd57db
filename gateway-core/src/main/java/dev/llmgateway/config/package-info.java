/** Whole configurations and their immutable, indexed snapshots, swapped atomically for the request path. */
package dev.llmgateway.config;
