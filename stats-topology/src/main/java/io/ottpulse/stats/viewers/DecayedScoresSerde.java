package io.ottpulse.stats.viewers;

import io.ottpulse.activity.preferences.DecayedScores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Binary form of a user's decayed watch scores: per channel, the score and the time it is as of. */
public final class DecayedScoresSerde {

    private DecayedScoresSerde() {
    }

    public static Serde<DecayedScores> serde(double halfLifeMs) {
        Serializer<DecayedScores> serializer = (topic, scores) -> scores == null ? null : write(scores);
        Deserializer<DecayedScores> deserializer = (topic, bytes) -> bytes == null ? null : read(halfLifeMs, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(DecayedScores scores) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(scores.state().size());
            for (Map.Entry<String, double[]> entry : scores.state().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeDouble(entry.getValue()[0]);
                out.writeLong((long) entry.getValue()[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static DecayedScores read(double halfLifeMs, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int channels = in.readShort();
            Map<String, double[]> state = new HashMap<>(channels * 2);
            for (int i = 0; i < channels; i++) {
                state.put(in.readUTF(), new double[] {in.readDouble(), in.readLong()});
            }
            return DecayedScores.fromState(halfLifeMs, state);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt watch scores", e);
        }
    }
}
