/** The ip-restriction plugin: allow and deny lists of IPv4 and IPv6 addresses and CIDR ranges. */
package dev.llmgateway.internal.plugins.iprestriction;
