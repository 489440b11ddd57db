/** Client addresses: IP literals and CIDR ranges, and the client address resolved through trusted proxies. */
package dev.llmgateway.net;
