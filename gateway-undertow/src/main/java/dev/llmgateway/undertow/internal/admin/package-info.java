/** The Admin API on an Undertow listener: reads bodies without blocking, answers once writes are durable. */
package dev.llmgateway.undertow.internal.admin;
