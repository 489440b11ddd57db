/** The proxy listener's request path: routing, plugin phases, Kong errors and the client-side connection watch. */
package dev.llmgateway.undertow.http;
