/** The proxy listener's request path: routing, plugin phases, Kong errors, the client-side watch. Internal. */
package dev.llmgateway.undertow.internal.http;
