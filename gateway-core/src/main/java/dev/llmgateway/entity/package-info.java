/** The core entities (services, routes, consumers, plugins, upstreams, targets) with Kong's fields, defaults and checks. */
package dev.llmgateway.entity;
