package io.ottpulse.archive;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Parquet schemas of the archive: the declared activity-event schema (v1) and the translation of a Connect schema.
 * Logical types follow the Parquet spec (STRING, TIMESTAMP(MILLIS, UTC), DATE, TIME, DECIMAL, 3-level LIST and MAP),
 * so Spark, Hive, Trino, DuckDB and parquet-avro read them as the types they are.
 */
final class ParquetSchemas {

    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";
    static final String MAP_GROUP = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";
    /** Precision given to a Connect Decimal whose schema does not declare one. */
    static final int DEFAULT_DECIMAL_PRECISION = 38;
    static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

    /** The activity event v1: timestamp in epoch milliseconds, attributes a string map (empty when absent). */
    static final MessageType ACTIVITY_EVENT = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("eventId")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("userId")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("deviceId")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sessionId")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("type")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("channelId")
            .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS))
            .named("timestamp")
            .addField(Types.requiredGroup().as(LogicalTypeAnnotation.mapType())
                    .repeatedGroup()
                    .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(MAP_KEY)
                    .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(MAP_VALUE)
                    .named(MAP_GROUP)
                    .named("attributes"))
            .named("ActivityEvent");

    private ParquetSchemas() {
    }

    /** The Parquet schema of a Connect struct schema. */
    static MessageType fromConnect(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("a Parquet row needs a struct value, not " + schema.type());
        }
        GroupType group = (GroupType) field(schema, "record", Repetition.REQUIRED);
        return new MessageType(messageName(schema), group.getFields());
    }

    /** An Avro-compatible record name (letters, digits, underscores), so parquet-avro readers accept it. */
    private static String messageName(Schema schema) {
        String name = schema.name() == null ? "record" : schema.name().substring(schema.name().lastIndexOf('.') + 1);
        String clean = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(clean.charAt(0)) ? "_" + clean : clean;
    }

    private static Type field(Schema schema, String name, Repetition repetition) {
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.decimalType(scale(schema), precision(schema))).named(name);
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(name);
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
                    .named(name);
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.timeType(true, TimeUnit.MILLIS)).named(name);
        }
        switch (schema.type()) {
            case INT8:
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case INT16:
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT32:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case INT64:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT32:
                return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case FLOAT64:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case BYTES:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case ARRAY:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Repetition.REPEATED, LIST_GROUP,
                                field(schema.valueSchema(), LIST_ELEMENT, repetitionOf(schema.valueSchema()))))
                        .named(name);
            case MAP:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(new GroupType(Repetition.REPEATED, MAP_GROUP,
                                field(schema.keySchema(), MAP_KEY, Repetition.REQUIRED),
                                field(schema.valueSchema(), MAP_VALUE, repetitionOf(schema.valueSchema()))))
                        .named(name);
            case STRUCT:
                Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
                for (Field child : schema.fields()) {
                    group.addField(field(child.schema(), child.name(), repetitionOf(child.schema())));
                }
                return group.named(name);
            default:
                throw new DataException("no Parquet type for Connect type " + schema.type());
        }
    }

    static Repetition repetitionOf(Schema schema) {
        return schema.isOptional() ? Repetition.OPTIONAL : Repetition.REQUIRED;
    }

    static int scale(Schema decimal) {
        return Integer.parseInt(decimal.parameters().get(Decimal.SCALE_FIELD));
    }

    static int precision(Schema decimal) {
        String precision = decimal.parameters() == null ? null : decimal.parameters().get(DECIMAL_PRECISION_PARAMETER);
        return precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
    }
}
