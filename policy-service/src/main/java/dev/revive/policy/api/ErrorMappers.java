package dev.revive.policy.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

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

    /** The JSON reader wraps a malformed body (and a key given twice) in a bare 400: answer it naming what is wrong. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadable(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j && e.getResponse().getStatus() == 400) {
            return json(j);
        }
        return e.getResponse();
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

    /** What a person can act on, without Java class names. */
    public static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return "is not a field here" + (known.isEmpty() ? "" : "; known: " + String.join(", ", known));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && !(e instanceof InvalidTypeIdException)) {
            String expected = expected(m.getTargetType());
            if (expected != null) {
                return "must be " + expected;
            }
        }
        String m = e.getOriginalMessage();
        if (m == null) {
            return "malformed JSON";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String expected(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }
}
