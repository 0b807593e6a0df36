/**
 * The command line ({@code target/rasfleet-cli.jar}, launcher {@code target/rasfleet-cli}): the project
 * model and the result verdicts for people and scripts, without a server.
 */
package io.rasfleet.cli;
