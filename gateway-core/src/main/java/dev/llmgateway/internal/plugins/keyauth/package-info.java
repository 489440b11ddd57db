/** The key-auth plugin: its config, its credential entity, key lookup and the access phase. */
package dev.llmgateway.internal.plugins.keyauth;
