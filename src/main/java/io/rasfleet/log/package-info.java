/**
 * The server log's messages for operators, with ids ({@link io.rasfleet.log.RasfleetLogger}, a JBoss
 * Logging message logger generated at build time). Every package may use it; it uses nothing of ours.
 */
package io.rasfleet.log;
