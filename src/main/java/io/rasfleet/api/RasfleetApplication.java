package io.rasfleet.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST admin API under {@code /rasfleet/api}; WEB-INF/web.xml asks every call for a user. */
@ApplicationPath("api")
public class RasfleetApplication extends Application {
}
