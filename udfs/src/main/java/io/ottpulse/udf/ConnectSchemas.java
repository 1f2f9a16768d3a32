package io.ottpulse.udf;

import java.util.Locale;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Turns the SQL types written in the functions' annotations into the Connect schemas of the structs the functions
 * build, the way ksqlDB converts SQL types (every schema optional, struct fields in declared order), so one string is
 * both what ksqlDB is told and what the code builds. Covers the types the pack uses: STRING, INT, BIGINT, DOUBLE,
 * BOOLEAN, ARRAY, MAP with STRING keys, STRUCT. Field names are upper-cased unless back-quoted (needed for reserved
 * words such as SECONDS), as ksqlDB does.
 */
final class ConnectSchemas {

    private final String sql;
    private int position;

    private ConnectSchemas(String sql) {
        this.sql = sql;
    }

    static Schema fromSql(String sql) {
        ConnectSchemas parser = new ConnectSchemas(sql);
        Schema schema = parser.type();
        parser.skipSpaces();
        if (parser.position != sql.length()) {
            throw parser.error("unexpected text");
        }
        return schema;
    }

    private Schema type() {
        String name = word().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "STRING", "VARCHAR" -> SchemaBuilder.string().optional().build();
            case "INT", "INTEGER" -> SchemaBuilder.int32().optional().build();
            case "BIGINT" -> SchemaBuilder.int64().optional().build();
            case "DOUBLE" -> SchemaBuilder.float64().optional().build();
            case "BOOLEAN" -> SchemaBuilder.bool().optional().build();
            case "ARRAY" -> {
                expect('<');
                Schema element = type();
                expect('>');
                yield SchemaBuilder.array(element).optional().build();
            }
            case "MAP" -> {
                expect('<');
                Schema key = type();
                expect(',');
                Schema value = type();
                expect('>');
                yield SchemaBuilder.map(key, value).optional().build();
            }
            case "STRUCT" -> struct();
            default -> throw error("unsupported type " + name);
        };
    }

    private Schema struct() {
        SchemaBuilder struct = SchemaBuilder.struct();
        expect('<');
        do {
            struct.field(fieldName(), type());
        } while (accept(','));
        expect('>');
        return struct.optional().build();
    }

    private String fieldName() {
        if (accept('`')) {
            int end = sql.indexOf('`', position);
            if (end < 0) {
                throw error("closing '`' was expected");
            }
            String quoted = sql.substring(position, end);
            position = end + 1;
            return quoted;
        }
        return word().toUpperCase(Locale.ROOT);
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw error("a name was expected");
        }
        return sql.substring(start, position);
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "' was expected");
        }
    }

    private boolean accept(char c) {
        skipSpaces();
        if (position < sql.length() && sql.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < sql.length() && Character.isWhitespace(sql.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at " + position + " in SQL type '" + sql + "'");
    }
}
