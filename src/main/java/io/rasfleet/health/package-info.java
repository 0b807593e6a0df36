/**
 * MicroProfile Health checks, published by WildFly on the management interface ({@code :9990/health/ready},
 * {@code /live}). {@link DatabaseReadiness} makes the server unready while the datasource cannot give a
 * valid connection; {@link WorkersReadiness} reports each configured worker's health as data and is always UP, since
 * a sick worker only loses its plans, it does not stop the server from serving. Reads {@code store}, {@code schedule}.
 */
package io.rasfleet.health;
