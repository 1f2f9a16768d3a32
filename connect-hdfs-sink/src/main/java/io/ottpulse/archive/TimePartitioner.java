package io.ottpulse.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Hive-style time directories ({@code dt=2026-11-26/hour=09} by default): the record's time, in the configured zone,
 * formatted with a {@link DateTimeFormatter} pattern. The directory is the bucket, so no separate duration is needed.
 */
final class TimePartitioner implements Partitioner {

    /** An instant whose every field differs from its neighbours', to check what a pattern produces. */
    private static final Instant SAMPLE = Instant.parse("2026-11-26T09:07:05.123Z");

    private static final long MILLIS_PER_MINUTE = 60_000L;

    private final DateTimeFormatter formatter;
    private final RecordTime time;
    /** Whether instants of the same minute always make the same directory (no second or finer field). */
    private final boolean sameWithinMinute;
    private long lastMinute = Long.MIN_VALUE;
    private String lastDirectory;

    TimePartitioner(String pattern, ZoneId zone, RecordTime time) {
        checkPattern(pattern);
        this.formatter = DateTimeFormatter.ofPattern(pattern).withZone(zone);
        this.time = time;
        this.sameWithinMinute = unquotedLetters(pattern).chars().noneMatch(c -> "sSnNA".indexOf(c) >= 0);
    }

    /** Formats once per minute of record time: records mostly arrive in time order, and formatting is costly. */
    @Override
    public String directory(SinkRecord record) {
        long millis = time.millisOf(record);
        if (!sameWithinMinute) {
            return formatter.format(Instant.ofEpochMilli(millis));
        }
        long minute = Math.floorDiv(millis, MILLIS_PER_MINUTE);
        if (minute != lastMinute) {
            lastDirectory = formatter.format(Instant.ofEpochMilli(millis));
            lastMinute = minute;
        }
        return lastDirectory;
    }

    private static String unquotedLetters(String pattern) {
        StringBuilder letters = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && Character.isLetter(c)) {
                letters.append(c);
            }
        }
        return letters.toString();
    }

    /**
     * Rejects patterns that are invalid, that use the week-based year or day of year where people mean the calendar
     * year and day of month (a classic mis-bucketing around New Year), or that do not make a relative HDFS path.
     */
    static void checkPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("expected a pattern such as 'dt'=yyyy-MM-dd/'hour'=HH");
        }
        String letters = unquotedLetters(pattern);
        if (letters.indexOf('Y') >= 0) {
            throw new IllegalArgumentException("Y is the week-based year; use yyyy for the calendar year");
        }
        if (letters.indexOf('D') >= 0) {
            throw new IllegalArgumentException("D is the day of the year; use dd for the day of the month");
        }
        String sample;
        try {
            sample = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(SAMPLE);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a DateTimeFormatter pattern: " + e.getMessage());
        }
        if (sample.startsWith("/") || sample.endsWith("/") || sample.contains("//") || sample.contains(":")
                || sample.contains("\\") || ("/" + sample + "/").contains("/../") || sample.contains("/+")
                || sample.startsWith("+")) {
            throw new IllegalArgumentException("makes '" + sample + "', not a relative directory path (no ':', "
                    + "'\\', '..', empty or '+' names, no leading or trailing '/')");
        }
    }
}
