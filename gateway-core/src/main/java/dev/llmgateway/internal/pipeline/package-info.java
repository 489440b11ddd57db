/** The plugin pipeline: the registry of plugin types, per-route plans in Kong's precedence and the access phase run. */
package dev.llmgateway.internal.pipeline;
