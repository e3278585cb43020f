package dev.revive.common.envelope;

import java.time.Instant;

/**
 * Parses the RFC 3339 UTC instants that Revive writes ({@code 2026-11-23T04:35:21.904123Z}) without
 * {@link java.time.format.DateTimeFormatter}: every ProbeResult carries two of them (its {@code startedAt} and the
 * envelope's {@code ce_time}), and the formatter's generic parse was a tenth of the policy's health-path CPU.
 * Anything else (offsets, lower-case letters, leap seconds, years outside 0001-9999) goes to {@link Instant#parse},
 * so the accepted language and the errors are exactly {@link Instant#parse}'s.
 */
public final class Instants {

    private static final int[] CUMULATIVE_DAYS = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    /** Same result and exceptions as {@link Instant#parse}. */
    public static Instant parse(CharSequence s) {
        Instant fast = fast(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /** The instant for the common {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} form, or null to let the JDK decide. */
    static Instant fast(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengthOf(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int f = digits(s, 20, fractionDigits);
            if (f < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        long days = epochDay(year, month, day);
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOf(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (proleptic Gregorian), as {@link java.time.LocalDate#toEpochDay}. */
    private static long epochDay(int year, int month, int day) {
        long y = year - 1;
        long daysBeforeYear = 365 * y + y / 4 - y / 100 + y / 400;
        long dayOfYear = CUMULATIVE_DAYS[month - 1] + day - 1 + (month > 2 && leap(year) ? 1 : 0);
        return daysBeforeYear + dayOfYear - 719_162; // 719162 = days from 0001-01-01 to 1970-01-01
    }

    private Instants() {
    }
}
