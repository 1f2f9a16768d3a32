package io.ottpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the ingest listener does per event before Connect sees it: parse, validate, and convert to a source record
 * (Connect struct, headers, offsets), beside Jackson merely parsing the same bytes into a tree. In the ingest
 * connector's package because the record factory is package-private. Scores are events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestConversionBenchmark {

    private static final int EVENTS = 100;

    private final EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);
    private final RecordFactory records = new RecordFactory("ott.activity", "ott.activity.rejected", 0);
    private final ObjectMapper jackson = new ObjectMapper();
    private final byte[] body = IntStream.range(0, EVENTS)
            .mapToObj(i -> "{\"eventId\":\"bench-" + i + "\",\"userId\":\"u-" + (100_000 + i)
                    + "\",\"deviceId\":\"stb-77\",\"sessionId\":\"s-9\",\"type\":\"channel_switch\",\"channelId\":\"ch-"
                    + (i % 200) + "\",\"timestamp\":\"2026-11-26T09:00:00.123Z\","
                    + "\"attributes\":{\"app\":\"tv-android\",\"quality\":\"1080p\"}}")
            .collect(Collectors.joining(",", "[", "]")).getBytes(StandardCharsets.UTF_8);

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public List<IngestRecord> parseValidateConvert() throws InvalidRequestException {
        EventBatch batch = parser.parse(body);
        return records.records(batch, new PendingRequest(batch.size()), "bench", 0L);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public EventBatch parseValidate() throws InvalidRequestException {
        return parser.parse(body);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public JsonNode baselineJacksonTree() throws IOException {
        return jackson.readTree(body);
    }
}
