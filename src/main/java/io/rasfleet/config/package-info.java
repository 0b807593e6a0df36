/**
 * The server's settings from system properties and the environment, in one place
 * ({@link io.rasfleet.config.ServerConfig}). Every package may use it; it uses nothing of ours.
 */
package io.rasfleet.config;
