/** Pure proxy rules shared by every server adapter: header hygiene, Kong's errors, request ids, target balancing. */
package dev.llmgateway.internal.proxy;
