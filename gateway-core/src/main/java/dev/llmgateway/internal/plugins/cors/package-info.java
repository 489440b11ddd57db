/** The cors plugin: preflights answered by the gateway, CORS headers on every response, origins by regex. */
package dev.llmgateway.internal.plugins.cors;
