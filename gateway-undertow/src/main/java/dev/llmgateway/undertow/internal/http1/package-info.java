/**
 * HTTP/1.1 message framing held to RFC 9112 on both legs: chunked bodies decoded strictly, upstream response heads
 * parsed strictly and bounded, request heads written safely, so that no byte of one message can be read as the
 * start of another. Internal.
 */
package dev.llmgateway.undertow.internal.http1;
