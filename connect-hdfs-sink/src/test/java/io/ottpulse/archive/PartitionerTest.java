package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    private static SinkRecord record(Object value, long timestamp) {
        return new SinkRecord("t", 3, null, null, null, value, 7, timestamp, TimestampType.CREATE_TIME);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void timeDirectoriesFollowThePatternInTheZone() {
        TimePartitioner utc = new TimePartitioner(HdfsSinkConfig.PATH_FORMAT_DEFAULT, ZoneOffset.UTC,
                RecordTime.eventField("timestamp"));
        assertThat(utc.directory(record("{\"timestamp\":\"2026-11-26T09:59:59.999Z\"}", 0)))
                .isEqualTo("dt=2026-11-26/hour=09");
        assertThat(utc.directory(record("{\"timestamp\":" + millis("2026-12-31T23:00:00Z") + "}", 0)))
                .isEqualTo("dt=2026-12-31/hour=23");
        assertThat(utc.directory(record(Map.of("timestamp", "2026-11-26T09:00:00+01:00"), 0)))
                .isEqualTo("dt=2026-11-26/hour=08");

        TimePartitioner paris = new TimePartitioner("'year'=yyyy/'month'=MM/'day'=dd", ZoneId.of("Europe/Paris"),
                record -> record.timestamp());
        assertThat(paris.directory(record("x", millis("2026-12-31T23:30:00Z")))).isEqualTo("year=2027/month=01/day=01");
    }

    @Test
    void eventTimeIsReadFromStructsMapsAndNestedJson() {
        Schema schema = SchemaBuilder.struct().field("at", org.apache.kafka.connect.data.Timestamp.SCHEMA).build();
        RecordTime at = RecordTime.eventField("at");
        assertThat(at.millisOf(record(new Struct(schema).put("at", new java.util.Date(42L)), 0))).isEqualTo(42L);
        RecordTime nested = RecordTime.eventField("meta.time");
        assertThat(nested.millisOf(record("{\"x\":{\"time\":1},\"meta\":{\"a\":[1,{\"time\":2}],\"time\":\"5\"}}", 0)))
                .isEqualTo(5L);
        assertThatThrownBy(() -> at.millisOf(record("{\"other\":1}", 0))).isInstanceOf(DataException.class)
                .hasMessageContaining("no field at");
        assertThatThrownBy(() -> at.millisOf(record("{\"at\":\"yesterday\"}", 0))).isInstanceOf(DataException.class)
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void patternsThatMisbucketOrBreakPathsAreRejected() {
        assertThatThrownBy(() -> TimePartitioner.checkPattern("'dt'=YYYY-MM-dd")).hasMessageContaining("yyyy");
        assertThatThrownBy(() -> TimePartitioner.checkPattern("'dt'=yyyy-MM-DD")).hasMessageContaining("dd");
        assertThatThrownBy(() -> TimePartitioner.checkPattern("HH:mm")).hasMessageContaining("':'");
        assertThatThrownBy(() -> TimePartitioner.checkPattern("/yyyy")).hasMessageContaining("leading");
        assertThatThrownBy(() -> TimePartitioner.checkPattern("yyyy-MM-dd{")).hasMessageContaining("pattern");
        TimePartitioner.checkPattern("'D'=yyyy/'Year'=MM");
    }

    @Test
    void fieldDirectoriesAreHiveStyleAndEscaped() {
        FieldPartitioner partitioner = new FieldPartitioner(List.of("channelId", "meta.app"));
        assertThat(partitioner.directory(record("{\"channelId\":\"ch/42:x\",\"meta\":{\"app\":\"tv\"}}", 0)))
                .isEqualTo("channelId=ch%2F42%3Ax/meta.app=tv");
        assertThat(partitioner.directory(record(Map.of("channelId", 7), 0)))
                .isEqualTo("channelId=7/meta.app=" + FieldPartitioner.NULL_VALUE);
        assertThat(partitioner.directory(record("{\"channelId\":\"..\",\"meta\":{\"app\":\"\"}}", 0)))
                .isEqualTo("channelId=%2E./meta.app=" + FieldPartitioner.NULL_VALUE);
    }
}
