/** Request routing: path normalisation, Kong-priority route matching and upstream path joining. */
package dev.llmgateway.internal.route;
