package dev.revive.common.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;

class InstantsTest {

    @Test
    void agrees_with_the_jdk_on_random_instants_at_every_fraction_length() {
        SplittableRandom rnd = new SplittableRandom(42);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant x = Instant.ofEpochSecond(rnd.nextLong(min, max + 1), rnd.nextInt(1_000_000_000));
            String iso = x.toString(); // the JDK's own form: 0, 3, 6 or 9 fraction digits
            assertEquals(x, Instants.parse(iso), iso);
            assertNotNull(Instants.fast(iso), iso);
            for (int digits = 1; digits <= 9; digits++) {
                String s = iso.substring(0, 19) + "." + String.format("%09d", x.getNano()).substring(0, digits) + "Z";
                assertEquals(Instant.parse(s), Instants.parse(s), s);
            }
        }
    }

    @Test
    void agrees_around_leap_days_and_century_rules() {
        for (String s : new String[] {"2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1900-03-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
            assertEquals(Instant.parse(s), Instants.parse(s), s);
            assertNotNull(Instants.fast(s), s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-11-23T10:60:00Z", "2026-11-23T10:00:00.1234567890Z",
            "2026-11-23 10:00:00Z", "2026-11-23T10:00:00", "2026-1l-23T10:00:00Z", "yesterday"})
    void rejects_what_the_jdk_rejects(String s) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(s));
        assertThrows(DateTimeParseException.class, () -> Instants.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:00:00+01:00", "2026-11-23T10:00:60Z", "+12026-11-23T10:00:00Z", "2026-11-23T10:00:00z",
            "2026-11-23T24:00:00Z", "2026-11-23T10:00:00.Z", "0000-01-01T00:00:00Z"})
    void leaves_rarer_forms_to_the_jdk(String s) {
        assertNull(Instants.fast(s));
        Instant jdk;
        try {
            jdk = Instant.parse(s);
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> Instants.parse(s));
            return;
        }
        assertEquals(jdk, Instants.parse(s));
    }

    record Stamped(Instant at) {
    }

    @Test
    void the_wire_mapper_reads_instants_through_the_fast_path_and_keeps_the_other_forms() throws Exception {
        assertEquals(Instant.parse("2026-11-23T04:35:21.904123Z"),
                Json.MAPPER.readValue("{\"at\":\"2026-11-23T04:35:21.904123Z\"}", Stamped.class).at());
        assertEquals(Instant.parse("2026-11-23T05:35:21Z"),
                Json.MAPPER.readValue("{\"at\":\"2026-11-23T06:35:21+01:00\"}", Stamped.class).at());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 500_000_000),
                Json.MAPPER.readValue("{\"at\":1700000000.5}", Stamped.class).at());
        assertNull(Json.MAPPER.readValue("{\"at\":null}", Stamped.class).at());
        var e = assertThrows(InvalidFormatException.class, () -> Json.MAPPER.readValue("{\"at\":\"2026-02-30T00:00:00Z\"}", Stamped.class));
        assertEquals("at", e.getPath().get(0).getFieldName());
    }
}
