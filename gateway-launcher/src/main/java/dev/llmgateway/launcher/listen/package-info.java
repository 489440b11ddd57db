/** Listen addresses as users write them ({@code HOST:PORT}, {@code [::]:8000}, Kong's flags), and the IPv6 fallback. */
package dev.llmgateway.launcher.listen;
