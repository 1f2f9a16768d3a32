package io.ottpulse.archive.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads what the connector committed, the way a user of the archive would: listing and opening its files. */
final class Archive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;

    Archive(FileSystem fs) {
        this.fs = fs;
    }

    record Line(Path file, String directory, String text) {
    }

    record Row(Path file, String directory, GenericRecord record) {
    }

    /** Committed files under a directory, recursively. */
    List<Path> files(String dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Path path = new Path(dir);
        if (!fs.exists(path)) {
            return files;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
        while (it.hasNext()) {
            files.add(it.next().getPath());
        }
        return files;
    }

    List<Line> lines(String dir) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Path file : files(dir)) {
            try (InputStream raw = fs.open(file);
                    InputStream in = file.getName().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .forEach(text -> lines.add(new Line(file, directoryOf(file), text)));
            }
        }
        return lines;
    }

    List<Row> parquetRows(String dir) throws IOException {
        Configuration conf = fs.getConf();
        conf.setBoolean("parquet.avro.add-list-element-records", false);
        List<Row> rows = new ArrayList<>();
        for (Path file : files(dir)) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(file, conf)).withConf(conf).build()) {
                for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                    rows.add(new Row(file, directoryOf(file), record));
                }
            }
        }
        return rows;
    }

    /** The temp files being written for a topic, by Kafka partition (one each). */
    Map<Integer, String> tempFiles(String topicsDir, String topic) throws IOException {
        Map<Integer, String> temps = new TreeMap<>();
        Path tmp = new Path(topicsDir + "/+tmp/" + topic);
        if (!fs.exists(tmp)) {
            return temps;
        }
        for (FileStatus partition : fs.listStatus(tmp)) {
            for (FileStatus file : fs.listStatus(partition.getPath())) {
                temps.put(Integer.parseInt(partition.getPath().getName()), file.getPath().getName());
            }
        }
        return temps;
    }

    private static String directoryOf(Path file) {
        return file.getParent().toUri().getPath();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Parquet activity-event row as the JSON event it came from (timestamps as ISO-8601 instants). */
    static JsonNode asJsonEvent(GenericRecord row) {
        ObjectNode event = JSON.createObjectNode();
        for (String field : List.of("eventId", "userId", "deviceId", "sessionId", "type", "channelId")) {
            if (row.get(field) != null) {
                event.put(field, row.get(field).toString());
            }
        }
        event.put("timestamp", Instant.ofEpochMilli((Long) row.get("timestamp")).toString());
        Map<?, ?> attributes = (Map<?, ?>) row.get("attributes");
        if (!attributes.isEmpty()) {
            ObjectNode node = event.putObject("attributes");
            attributes.forEach((key, value) -> node.put(key.toString(), value.toString()));
        }
        return event;
    }
}
