package io.rasfleet.api;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectException;
import io.rasfleet.worker.WorkerConfigException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Every error leaves as {@code {"error": "..."}}. Messages of our own exceptions are written for
 * users; anything unexpected is logged and answered without its internals.
 */
final class ErrorMappers {


    private ErrorMappers() {
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

    @Provider
    public static class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @Provider
    public static class Project implements ExceptionMapper<ProjectException> {
        @Override
        public Response toResponse(ProjectException e) {
            return error(400, e.getMessage());
        }
    }

    @Provider
    public static class WorkerConfig implements ExceptionMapper<WorkerConfigException> {
        @Override
        public Response toResponse(WorkerConfigException e) {
            // the field lets a form point at the input that was refused
            return e.field() == null ? error(400, e.getMessage())
                    : Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(Map.of("error", e.getMessage(), "field", e.field())).build();
        }
    }

    @Provider
    public static class Json implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return error(400, "the request body is not the JSON expected: " + rootMessage(e));
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return error(400, "the request body is not the JSON expected: " + rootMessage(e));
        }
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String message = status == 404 ? "no such resource" : status == 405 ? "method not allowed here"
                    : status == 415 ? "send the body as application/json" : e.getMessage();
            if (e.getCause() != null && status == 400) {
                message = "the request body is not the JSON expected: " + rootMessage(e);
            }
            return error(status, message);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.apiError(e);
            return error(500, "internal error (" + e.getClass().getSimpleName() + "); the server log has the details");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
