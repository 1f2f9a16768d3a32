package io.ottpulse.archive;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads ISO-8601 instants with a zone, as events carry them. The common UTC form {@code 2026-11-26T09:00:00.123Z} is
 * read digit by digit (a general DateTimeFormatter parse costs microseconds per record); anything else goes to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
 */
final class IsoInstants {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoInstants() {
    }

    static long parseMillis(String text) {
        int length = text.length();
        boolean utcSeconds = length == 20 && text.charAt(19) == 'Z';
        boolean utcMillis = length == 24 && text.charAt(19) == '.' && text.charAt(23) == 'Z';
        if ((utcSeconds || utcMillis) && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = utcMillis ? digits(text, 20, 3) : 0;
            if (year >= 0 && month >= 1 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && millis >= 0) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return epochDay * MILLIS_PER_DAY + ((hour * 60L + minute) * 60L + second) * 1000L + millis;
                } catch (DateTimeException notADate) {
                    // The general parser below reports it.
                }
            }
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
