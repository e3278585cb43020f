package dev.revive.policy.incident.store;

import java.io.IOException;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.envelope.EventTypes;
import dev.revive.common.envelope.Json;

/** Incident events to and from their stored form: the wire type name and the JSON body (the same as on Kafka). */
public final class EventCodec {

    private EventCodec() {
    }

    public static String type(IncidentEvent e) {
        return EventTypes.typeOf(e.getClass());
    }

    public static String json(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
        }
    }

    public static IncidentEvent read(String type, String json) {
        Class<?> cls = EventTypes.classOf(type);
        if (cls == null || !IncidentEvent.class.isAssignableFrom(cls)) {
            throw new IllegalStateException("stored event of unknown type " + type);
        }
        try {
            return (IncidentEvent) Json.MAPPER.readValue(json, cls);
        } catch (IOException e) {
            throw new IllegalStateException("stored event " + type + " cannot be read", e);
        }
    }
}
