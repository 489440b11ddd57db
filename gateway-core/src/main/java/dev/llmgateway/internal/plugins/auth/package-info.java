/** What the bundled authentication plugins share: Kong's {@code anonymous} fallback. */
package dev.llmgateway.internal.plugins.auth;
