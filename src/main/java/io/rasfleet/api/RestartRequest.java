package io.rasfleet.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /runs/{id}/restart}: empty, or a higher {@code maxAttempts}. A restart runs
 * the run's own request again, so any other field (such as "plans") is refused rather than ignored.
 * The OpenAPI document's schema of the body is made from this record.
 */
@Schema(name = "RestartRequest", description = "empty, or {\"maxAttempts\": n}; other fields are refused")
record RestartRequest(
        @Schema(minimum = "1", maximum = "100", description = "raise the attempts per plan, counted across restarts;"
                + " never below the run's") Integer maxAttempts) {

    static final List<String> FIELDS = List.of("maxAttempts");

    static RestartRequest read(String body, String call) {
        return new RestartRequest(JsonBody.parse(body, call, FIELDS).whole("maxAttempts", 1, 100));
    }
}
