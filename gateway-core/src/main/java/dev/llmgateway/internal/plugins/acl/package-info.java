/** The acl plugin: allow and deny lists of consumer groups, and the {@code acls} entity holding the groups. */
package dev.llmgateway.internal.plugins.acl;
