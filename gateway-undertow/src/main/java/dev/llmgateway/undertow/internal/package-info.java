/** The embedding entry point: one Undertow/XNIO bootstrap with the proxy, TLS and admin listeners. */
package dev.llmgateway.undertow.internal;
