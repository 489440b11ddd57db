/** The built-in default stack (LLM services, the key-protected Admin API route) and its admin key. */
package dev.llmgateway.internal.defaults;
