/** The basic-auth plugin: its config, its credential entity with Kong's password hashing, and the access phase. */
package dev.llmgateway.internal.plugins.basicauth;
