package io.ottpulse.archive;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/** Turns a record value, as any converter gives it, into something Jackson writes as the same JSON. */
final class JsonValues {

    private JsonValues() {
    }

    static Object plain(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                fields.put(field.name(), plain(struct.get(field)));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> plainMap = new LinkedHashMap<>();
            map.forEach((k, v) -> plainMap.put(k, plain(v)));
            return plainMap;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonValues::plain).toList();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new DataException("cannot archive a value of type " + value.getClass().getName() + " as JSON");
    }
}
