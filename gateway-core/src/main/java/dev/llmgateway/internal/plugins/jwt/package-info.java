/** The jwt plugin: its config, its {@code jwt_secrets} entity, token parsing and signature checks with the JDK. */
package dev.llmgateway.internal.plugins.jwt;
