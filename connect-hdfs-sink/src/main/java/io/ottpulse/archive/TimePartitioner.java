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

    private final DateTimeFormatter formatter;
    private final RecordTime time;

    TimePartitioner(String pattern, ZoneId zone, RecordTime time) {
        checkPattern(pattern);
        this.formatter = DateTimeFormatter.ofPattern(pattern).withZone(zone);
        this.time = time;
    }

    @Override
    public String directory(SinkRecord record) {
        return formatter.format(Instant.ofEpochMilli(time.millisOf(record)));
    }

    /**
     * Rejects patterns that are invalid, that use the week-based year or day of year where people mean the calendar
     * year and day of month (a classic mis-bucketing around New Year), or that do not make a relative HDFS path.
     */
    static void checkPattern(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("expected a pattern such as 'dt'=yyyy-MM-dd/'hour'=HH");
        }
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == 'Y') {
                throw new IllegalArgumentException("Y is the week-based year; use yyyy for the calendar year");
            } else if (!quoted && c == 'D') {
                throw new IllegalArgumentException("D is the day of the year; use dd for the day of the month");
            }
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
