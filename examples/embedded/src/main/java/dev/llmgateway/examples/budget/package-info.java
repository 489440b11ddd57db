/** The {@code request-budget} plugin of docs/writing-plugins.md: a typed config, kept state, a retire hook. */
package dev.llmgateway.examples.budget;
