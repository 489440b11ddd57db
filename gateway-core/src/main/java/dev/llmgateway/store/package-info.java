/** The configuration write path: Kong's integrity rules, one serialized writer, and durable {@link dev.llmgateway.store.ConfigStore}s. */
package dev.llmgateway.store;
