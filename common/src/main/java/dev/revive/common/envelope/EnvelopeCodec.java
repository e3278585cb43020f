package dev.revive.common.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka binary mode: attributes in {@code ce_*} headers, the body as JSON in the record value.
 * Readers tolerate unknown JSON fields; anything else wrong raises {@link EnvelopeException} with a reason fit for
 * a dead-letter header.
 */
public final class EnvelopeCodec {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    /** Dead-letter headers (the names SmallRye's dead-letter strategy uses too). */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    private EnvelopeCodec() {
    }

    /** The {@code ce_*} headers of an envelope. */
    public static Headers headers(Envelope<?> e) {
        RecordHeaders h = new RecordHeaders();
        put(h, SPEC_VERSION, "1.0");
        put(h, ID, e.id());
        put(h, TYPE, e.type());
        put(h, SOURCE, e.source());
        put(h, TIME, e.time().toString());
        if (e.subject() != null) {
            put(h, SUBJECT, e.subject());
        }
        put(h, CONTENT_TYPE, JSON);
        return h;
    }

    /** The JSON body of a message. */
    public static byte[] body(Object data) {
        try {
            return Json.MAPPER.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + data.getClass().getSimpleName(), e);
        }
    }

    /** Reads an envelope whose body type is given by its {@code ce_type} header. */
    public static Envelope<Object> decode(Headers headers, byte[] value) {
        String type = require(headers, TYPE);
        Class<?> cls = EventTypes.classOf(type);
        if (cls == null) {
            throw new EnvelopeException("unknown ce_type '" + type + "'");
        }
        return read(headers, value, type, cls);
    }

    /** Reads an envelope whose body must be of the given type. */
    public static <T> Envelope<T> decode(Headers headers, byte[] value, Class<T> expected) {
        String type = require(headers, TYPE);
        Class<?> cls = EventTypes.classOf(type);
        if (cls == null || !expected.isAssignableFrom(cls)) {
            throw new EnvelopeException("unexpected ce_type '" + type + "', wanted " + expected.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Envelope<T> e = (Envelope<T>) read(headers, value, type, cls);
        return e;
    }

    /** Reads just the body, for callers that have no headers (REST, tests); the type is the caller's claim. */
    public static <T> T readBody(byte[] value, Class<T> type) {
        if (value == null || value.length == 0) {
            throw new EnvelopeException("empty body");
        }
        try {
            return Json.MAPPER.readValue(value, type);
        } catch (IOException e) {
            throw new EnvelopeException("body is not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static Envelope<Object> read(Headers headers, byte[] value, String type, Class<?> cls) {
        String id = require(headers, ID);
        String source = require(headers, SOURCE);
        String spec = text(headers, SPEC_VERSION);
        if (spec != null && !spec.equals("1.0")) {
            throw new EnvelopeException("unsupported ce_specversion '" + spec + "'");
        }
        Instant time;
        try {
            String t = text(headers, TIME);
            time = t == null ? null : Instants.parse(t);
        } catch (DateTimeParseException e) {
            throw new EnvelopeException("ce_time is not an RFC 3339 instant", e);
        }
        Object data = readBody(value, cls);
        return new Envelope<>(id, type, source, time, text(headers, SUBJECT), data);
    }

    /** Header value as UTF-8 text, null when absent. */
    public static String text(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String require(Headers headers, String name) {
        String v = text(headers, name);
        if (v == null || v.isBlank()) {
            throw new EnvelopeException("missing header " + name);
        }
        return v;
    }

    /** Copies a record's headers and adds the dead-letter reason and origin. */
    public static Headers deadLetterHeaders(Headers original, String reason, String topic, int partition, long offset) {
        RecordHeaders h = new RecordHeaders();
        if (original != null) {
            for (Header x : original) {
                h.add(x);
            }
        }
        put(h, DLQ_REASON, reason == null ? "unknown" : reason);
        put(h, DLQ_TOPIC, topic);
        put(h, DLQ_PARTITION, Integer.toString(partition));
        put(h, DLQ_OFFSET, Long.toString(offset));
        return h;
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
