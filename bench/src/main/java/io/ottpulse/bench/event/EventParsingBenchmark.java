package io.ottpulse.bench.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and validating an ingest request, per event, beside the baseline of Jackson merely parsing the same bytes
 * into a tree (no validation, no model): the ratio is what validation costs on top of JSON parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventParsingBenchmark {

    @Param({"1", "100"})
    public int eventsPerRequest;

    private final EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);
    private final ObjectMapper jackson = new ObjectMapper();
    private byte[] body;

    @Setup
    public void buildRequest() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < eventsPerRequest; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eventId\":\"6f1c-").append(i)
                    .append("\",\"userId\":\"u-").append(1000 + i)
                    .append("\",\"deviceId\":\"stb-77\",\"sessionId\":\"s-9\",\"type\":\"channel_switch\",")
                    .append("\"channelId\":\"ch-42\",\"timestamp\":\"2026-11-26T09:00:00.123Z\",")
                    .append("\"attributes\":{\"app\":\"tv-android\",\"quality\":\"1080p\"}}");
        }
        body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public EventBatch parseAndValidate() throws InvalidRequestException {
        return parser.parse(body);
    }

    @Benchmark
    public JsonNode baselineJacksonTree() throws IOException {
        return jackson.readTree(body);
    }
}
