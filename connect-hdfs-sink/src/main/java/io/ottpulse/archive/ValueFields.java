package io.ottpulse.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads one field, by a dotted path, from a record value as any converter gives it: a {@link Struct}, a {@link Map}
 * (schemaless JSON), or a String or byte[] holding a JSON object (StringConverter, ByteArrayConverter). JSON text is
 * scanned with a streaming parser that stops at the field, so no tree is built per record.
 */
final class ValueFields {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

    private final List<String> path;

    ValueFields(String dottedPath) {
        if (!isValidPath(dottedPath)) {
            throw new IllegalArgumentException("not a field path: " + dottedPath);
        }
        this.path = List.of(dottedPath.split("\\."));
    }

    static boolean isValidPath(String dottedPath) {
        return dottedPath != null && PATH.matcher(dottedPath).matches();
    }

    /**
     * The field's value: a String, Number, Boolean or java.util.Date (Connect logical types); null when the field is
     * absent or null.
     */
    Object get(Object value) {
        if (value instanceof String text) {
            return fromJson(text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] bytes) {
            return fromJson(bytes);
        }
        Object current = value;
        for (String name : path) {
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(name);
                current = field == null ? null : struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(name);
            } else {
                return null;
            }
        }
        return current;
    }

    private Object fromJson(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException("the value is not a JSON object");
            }
            return find(parser, 0);
        } catch (IOException e) {
            throw new DataException("the value is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** With the parser just inside an object, finds {@code path[depth..]} in it. */
    private Object find(JsonParser parser, int depth) throws IOException {
        String wanted = path.get(depth);
        boolean last = depth == path.size() - 1;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            boolean match = wanted.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (match && last) {
                return scalar(parser, value);
            }
            if (match && value == JsonToken.START_OBJECT) {
                return find(parser, depth + 1);
            }
            parser.skipChildren();
        }
        return null;
    }

    private Object scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getBooleanValue();
            case VALUE_NULL:
                return null;
            default:
                throw new DataException("field " + String.join(".", path) + " is not a string, number or boolean");
        }
    }

    @Override
    public String toString() {
        return String.join(".", path);
    }
}
