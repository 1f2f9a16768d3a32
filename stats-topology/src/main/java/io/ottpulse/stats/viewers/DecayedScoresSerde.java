package io.ottpulse.stats.viewers;

import io.ottpulse.activity.preferences.DecayedScores;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of a user's decayed watch scores: per channel, the score and the time it is as of, in
 * {@link java.io.DataOutputStream}'s encoding of each value (the form is unchanged since it was written with one).
 */
public final class DecayedScoresSerde {

    private DecayedScoresSerde() {
    }

    public static Serde<DecayedScores> serde(double halfLifeMs) {
        Serializer<DecayedScores> serializer = (topic, scores) -> scores == null ? null : write(scores);
        Deserializer<DecayedScores> deserializer = (topic, bytes) -> bytes == null ? null : read(halfLifeMs, bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(DecayedScores scores) {
        BinaryWriter out = new BinaryWriter(64);
        out.writeShort(scores.state().size());
        for (Map.Entry<String, double[]> entry : scores.state().entrySet()) {
            out.writeUtf(entry.getKey()).writeDouble(entry.getValue()[0]).writeLong((long) entry.getValue()[1]);
        }
        return out.toByteArray();
    }

    private static DecayedScores read(double halfLifeMs, byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int channels = in.readShort();
        Map<String, double[]> state = new HashMap<>(channels * 2);
        for (int i = 0; i < channels; i++) {
            state.put(in.readUtf(), new double[] {in.readDouble(), in.readLong()});
        }
        return DecayedScores.fromState(halfLifeMs, state);
    }
}
