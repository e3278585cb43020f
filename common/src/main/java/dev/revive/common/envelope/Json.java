package dev.revive.common.envelope;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/** The one JSON mapping of Revive's wire contracts: ISO-8601 instants, unknown fields ignored. */
public final class Json {

    /** Thread-safe once configured; shared by every codec. */
    public static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    /** Applies Revive's wire settings to a mapper (services can align their own REST mapper with it). */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new Jdk8Module());
        // Registered after JavaTimeModule, so it takes precedence for Instant: same values, errors and numeric forms.
        mapper.registerModule(new SimpleModule("revive-instants").addDeserializer(Instant.class, new FastInstantDeserializer()));
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    /** Text through {@link Instants#parse} (no DateTimeFormatter on the hot path); anything else as JavaTimeModule does. */
    static final class FastInstantDeserializer extends StdScalarDeserializer<Instant> {

        FastInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText().trim();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    return Instants.parse(text);
                } catch (DateTimeParseException e) {
                    return (Instant) ctx.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s", e.getMessage());
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctx);
        }
    }

    private Json() {
    }
}
