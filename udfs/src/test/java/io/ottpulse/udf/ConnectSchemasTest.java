package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ConnectSchemasTest {

    @Test
    void buildsWhatKsqlDbBuildsFromTheSqlType() {
        Schema expected = SchemaBuilder.struct()
                .field("A", SchemaBuilder.array(SchemaBuilder.struct().field("X", Schema.OPTIONAL_STRING_SCHEMA)
                        .optional().build()).optional().build())
                .field("B", SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).optional()
                        .build())
                .field("C", Schema.OPTIONAL_FLOAT64_SCHEMA).field("D", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("E", Schema.OPTIONAL_INT32_SCHEMA).field("Seconds", Schema.OPTIONAL_INT64_SCHEMA).optional().build();

        assertThat(ConnectSchemas.fromSql("STRUCT<a ARRAY<STRUCT<X VARCHAR>>, B MAP<STRING, BIGINT>, C DOUBLE, "
                + "D BOOLEAN, E INT, `Seconds` BIGINT>")).isEqualTo(expected);
    }

    @Test
    void everyAggregateAndResultTypeOfThePackParses() {
        for (String sql : new String[] {WatchTimeUdaf.AGGREGATE, DecayedPreferencesUdaf.AGGREGATE,
            PresenceUdaf.AGGREGATE, PresenceUdaf.RESULT, ChannelStaysUdaf.AGGREGATE, ChannelStaysUdaf.RESULT,
            Rankings.SQL, ChannelTransitionsUdtf.ROW}) {
            assertThat(ConnectSchemas.fromSql(sql).isOptional()).as(sql).isTrue();
        }
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> ConnectSchemas.fromSql("DECIMAL(4, 2)")).hasMessageContaining("unsupported type");
        assertThatThrownBy(() -> ConnectSchemas.fromSql("ARRAY<STRING")).hasMessageContaining("'>' was expected");
        assertThatThrownBy(() -> ConnectSchemas.fromSql("STRING x")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> ConnectSchemas.fromSql("STRUCT<`A BIGINT>")).hasMessageContaining("closing '`'");
    }
}
