package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Drives a UDAF the way ksqlDB does: {@code initialize}, {@code aggregate} per row, {@code merge} for session windows,
 * {@code map}, with the aggregate stored between calls as JSON (built to the schema of the factory's aggregateSchema)
 * and read back, so every call sees a freshly deserialised struct as it would in a ksqlDB state store.
 */
final class KsqlDriver<I, O> {

    private final Udaf<I, Struct, O> udaf;
    private final Schema aggregateSchema;
    private final JsonConverter json = new JsonConverter();

    KsqlDriver(Udaf<I, Struct, O> udaf, String aggregateSql) {
        this.udaf = udaf;
        this.aggregateSchema = ConnectSchemas.fromSql(aggregateSql);
        json.configure(Map.of("schemas.enable", true), false);
    }

    /** The aggregate after every row, in order, starting from {@code initialize()}. */
    Struct aggregate(List<I> rows) {
        Struct aggregate = stored(udaf.initialize());
        for (I row : rows) {
            aggregate = stored(udaf.aggregate(row, aggregate));
        }
        return aggregate;
    }

    O result(List<I> rows) {
        return udaf.map(aggregate(rows));
    }

    Struct merge(Struct one, Struct two) {
        return stored(udaf.merge(one, two));
    }

    O map(Struct aggregate) {
        return udaf.map(aggregate);
    }

    private Struct stored(Struct aggregate) {
        byte[] bytes = json.fromConnectData("aggregates", aggregateSchema, aggregate);
        SchemaAndValue read = json.toConnectData("aggregates", bytes);
        return (Struct) read.value();
    }
}
