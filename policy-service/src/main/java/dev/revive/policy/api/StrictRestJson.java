package dev.revive.policy.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.revive.common.validation.StrictJson;

/**
 * The mapper of REST bodies: Quarkus's own (so answers are written as before), made strict for what is read (an
 * unknown field, a fraction for a whole number or a string for a number is a 400 naming the field). Only REST uses
 * it: the Kafka consumers read through the envelope codec's tolerant mapper.
 */
@Provider
public class StrictRestJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    @Inject
    public StrictRestJson(ObjectMapper quarkus) {
        this.mapper = StrictJson.strict(quarkus.copy(), false);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
