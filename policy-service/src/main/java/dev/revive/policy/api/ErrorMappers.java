package dev.revive.policy.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;

import dev.revive.common.validation.ValidationException;
import dev.revive.common.validation.Violation;
import dev.revive.policy.security.LinkTokens;

/** Every client error as {@code 400 {"violations":[{"field","message"}]}} naming the field. */
public class ErrorMappers {

    @ServerExceptionMapper(priority = 1)
    public Response validation(ValidationException e) {
        return badRequest(e.violations());
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        String field = "$";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m.getPath());
        }
        return badRequest(List.of(new Violation(field, message(e))));
    }

    @ServerExceptionMapper(priority = 1)
    public Response token(LinkTokens.InvalidToken e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }

    public static Response badRequest(List<Violation> violations) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "invalid request", "violations", violations)).build();
    }

    /** A Jackson reference path as {@code recovery.steps[0].action}. */
    public static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    private static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "malformed JSON";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
