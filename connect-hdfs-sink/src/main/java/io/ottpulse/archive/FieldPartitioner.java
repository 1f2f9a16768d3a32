package io.ottpulse.archive;

import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Hive-style directories by field values: {@code channelId=ch-42/type=play}. Characters that are special in paths are
 * escaped as %XX the way Hive escapes partition values; an absent or null value is Hive's default partition.
 */
final class FieldPartitioner implements Partitioner {

    static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    private static final String SPECIAL = "\"#%'*/:=?\\[]^{}";

    private final List<String> names;
    private final List<ValueFields> fields;

    FieldPartitioner(List<String> paths) {
        this.names = List.copyOf(paths);
        this.fields = paths.stream().map(ValueFields::new).toList();
    }

    @Override
    public String directory(SinkRecord record) {
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Object value = fields.get(i).get(record.value());
            if (i > 0) {
                dir.append('/');
            }
            dir.append(escape(names.get(i))).append('=')
                    .append(value == null ? NULL_VALUE : escape(text(value)));
        }
        return dir.toString();
    }

    private static String text(Object value) {
        return value instanceof java.util.Date date ? Long.toString(date.getTime()) : value.toString();
    }

    static String escape(String value) {
        if (value.isEmpty()) {
            return NULL_VALUE;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f || SPECIAL.indexOf(c) >= 0 || (c == '.' && out.isEmpty())) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
