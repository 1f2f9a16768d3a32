package io.ottpulse.archive;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes Connect {@link Struct}s of one schema as Parquet rows of {@link ParquetSchemas#fromConnect}. */
final class StructWriteSupport extends WriteSupport<Struct> {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Schema schema;
    private RecordConsumer out;

    StructWriteSupport(Schema schema) {
        this.schema = schema;
        ParquetSchemas.fromConnect(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(ParquetSchemas.fromConnect(schema), Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    /**
     * Checks what Parquet needs beyond the Connect schema (decimals within their precision, map keys present), so a
     * row is never abandoned half written; returns the struct.
     */
    Struct prepare(Struct struct) {
        struct.validate();
        check(struct, schema, "value");
        return struct;
    }

    private static void check(Object value, Schema schema, String path) {
        if (value == null) {
            return;
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            BigDecimal decimal = (BigDecimal) value;
            if (decimal.scale() > ParquetSchemas.scale(schema)) {
                throw new DataException(path + ": " + decimal + " has more decimals than the scale "
                        + ParquetSchemas.scale(schema));
            }
            if (decimal.setScale(ParquetSchemas.scale(schema)).precision() > ParquetSchemas.precision(schema)) {
                throw new DataException(path + ": " + decimal + " has more digits than the precision "
                        + ParquetSchemas.precision(schema));
            }
            return;
        }
        switch (schema.type()) {
            case STRUCT:
                Struct struct = (Struct) value;
                for (Field field : schema.fields()) {
                    check(struct.get(field), field.schema(), path + "." + field.name());
                }
                break;
            case ARRAY:
                for (Object element : (List<?>) value) {
                    check(element, schema.valueSchema(), path + "[]");
                }
                break;
            case MAP:
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    if (entry.getKey() == null) {
                        throw new DataException(path + ": a Parquet map cannot hold a null key");
                    }
                    check(entry.getKey(), schema.keySchema(), path + ".key");
                    check(entry.getValue(), schema.valueSchema(), path + "[" + entry.getKey() + "]");
                }
                break;
            default:
                break;
        }
    }

    @Override
    public void write(Struct struct) {
        out.startMessage();
        writeFields(struct);
        out.endMessage();
    }

    private void writeFields(Struct struct) {
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (value != null) {
                out.startField(field.name(), field.index());
                writeValue(value, field.schema());
                out.endField(field.name(), field.index());
            }
        }
    }

    private void writeValue(Object value, Schema schema) {
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            BigDecimal decimal = ((BigDecimal) value).setScale(ParquetSchemas.scale(schema));
            out.addBinary(Binary.fromConstantByteArray(decimal.unscaledValue().toByteArray()));
        } else if (Timestamp.LOGICAL_NAME.equals(logical)) {
            out.addLong(((java.util.Date) value).getTime());
        } else if (Date.LOGICAL_NAME.equals(logical)) {
            out.addInteger((int) Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY));
        } else if (Time.LOGICAL_NAME.equals(logical)) {
            out.addInteger((int) ((java.util.Date) value).getTime());
        } else {
            writePlain(value, schema);
        }
    }

    private void writePlain(Object value, Schema schema) {
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                out.addInteger(((Number) value).intValue());
                break;
            case INT64:
                out.addLong((Long) value);
                break;
            case FLOAT32:
                out.addFloat((Float) value);
                break;
            case FLOAT64:
                out.addDouble((Double) value);
                break;
            case BOOLEAN:
                out.addBoolean((Boolean) value);
                break;
            case STRING:
                out.addBinary(utf8((String) value));
                break;
            case BYTES:
                out.addBinary(value instanceof ByteBuffer buffer ? Binary.fromConstantByteBuffer(buffer.duplicate())
                        : Binary.fromConstantByteArray((byte[]) value));
                break;
            case ARRAY:
                writeList((List<?>) value, schema.valueSchema());
                break;
            case MAP:
                writeMap((Map<?, ?>) value, schema);
                break;
            case STRUCT:
                out.startGroup();
                writeFields((Struct) value);
                out.endGroup();
                break;
            default:
                throw new DataException("no Parquet type for Connect type " + schema.type());
        }
    }

    private void writeList(List<?> list, Schema elementSchema) {
        out.startGroup();
        if (!list.isEmpty()) {
            out.startField(ParquetSchemas.LIST_GROUP, 0);
            for (Object element : list) {
                out.startGroup();
                if (element != null) {
                    out.startField(ParquetSchemas.LIST_ELEMENT, 0);
                    writeValue(element, elementSchema);
                    out.endField(ParquetSchemas.LIST_ELEMENT, 0);
                }
                out.endGroup();
            }
            out.endField(ParquetSchemas.LIST_GROUP, 0);
        }
        out.endGroup();
    }

    private void writeMap(Map<?, ?> map, Schema schema) {
        out.startGroup();
        if (!map.isEmpty()) {
            out.startField(ParquetSchemas.MAP_GROUP, 0);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.startGroup();
                out.startField(ParquetSchemas.MAP_KEY, 0);
                writeValue(entry.getKey(), schema.keySchema());
                out.endField(ParquetSchemas.MAP_KEY, 0);
                if (entry.getValue() != null) {
                    out.startField(ParquetSchemas.MAP_VALUE, 1);
                    writeValue(entry.getValue(), schema.valueSchema());
                    out.endField(ParquetSchemas.MAP_VALUE, 1);
                }
                out.endGroup();
            }
            out.endField(ParquetSchemas.MAP_GROUP, 0);
        }
        out.endGroup();
    }

    /** A byte-array binary: cheaper to hash and compare in Parquet's dictionaries than Binary.fromString's. */
    private static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
