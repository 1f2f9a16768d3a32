package io.ottpulse.archive;

import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** The time of a record that time partitioning and record-time rotation go by. */
interface RecordTime {

    /** Where the time comes from. */
    enum Source {
        /** The Kafka record timestamp (producer or broker time). */
        RECORD,
        /** A field of the value: the time the event happened. */
        EVENT;

        String configName() {
            return HdfsSinkConfig.configName(this);
        }

        static String[] configNames() {
            return Arrays.stream(values()).map(Source::configName).toArray(String[]::new);
        }

        static Source fromConfig(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Epoch milliseconds; a {@link DataException} when the record has no usable time. */
    long millisOf(SinkRecord record);

    static RecordTime from(HdfsSinkConfig config) {
        return config.timestampSource() == Source.RECORD ? RecordTime::kafkaTimestamp
                : eventField(config.timestampField());
    }

    private static long kafkaTimestamp(SinkRecord record) {
        if (record.timestamp() == null) {
            throw new DataException("the record has no Kafka timestamp");
        }
        return record.timestamp();
    }

    static RecordTime eventField(String dottedPath) {
        ValueFields field = new ValueFields(dottedPath);
        return record -> toMillis(field, field.get(record.value()));
    }

    private static long toMillis(ValueFields field, Object time) {
        if (time instanceof Number number) {
            return number.longValue();
        }
        if (time instanceof java.util.Date date) {
            return date.getTime();
        }
        if (time instanceof String text) {
            try {
                return text.chars().allMatch(Character::isDigit) && !text.isEmpty() ? Long.parseLong(text)
                        : IsoInstants.parseMillis(text);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DataException("field " + field + " is neither epoch millis nor ISO-8601: " + text);
            }
        }
        throw new DataException(time == null ? "the value has no field " + field
                : "field " + field + " is not a time: " + time);
    }
}
