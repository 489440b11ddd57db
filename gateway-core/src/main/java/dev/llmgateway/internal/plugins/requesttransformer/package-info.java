/** The request-transformer plugin: remove, rename, replace, add and append on headers, query and body. */
package dev.llmgateway.internal.plugins.requesttransformer;
