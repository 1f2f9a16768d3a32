package io.ottpulse.stats.channelstats;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.stats.viewers.ChannelActivity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ChannelWindowTest {

    private final Serde<ChannelWindow> serde = ChannelWindow.serde();

    @Test
    void aWindowReadsBackWithEveryCount() {
        ChannelWindow window = new ChannelWindow()
                .add(new ChannelActivity(true, true, ChannelActivity.NO_STAY_ENDED), 10_000)
                .add(new ChannelActivity(false, true, ChannelActivity.NO_STAY_ENDED), 10_000)
                .add(new ChannelActivity(false, false, 4_000), 10_000)
                .add(new ChannelActivity(true, false, 48_000), 10_000);

        ChannelWindow read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", window));

        assertThat(read.report("a", 0, 60_000)).isEqualTo(new ChannelWindowReport("a", 0, 60_000, 2, 2, 2, 26.0, 1));
    }

    /** The layout written before viewers were counted: four counters and a HyperLogLog sketch (an upgrade's windows). */
    @Test
    void aWindowWithASketchOfItsViewersTakesTheSketchsEstimate() {
        HllSketch viewers = new HllSketch(12, TgtHllType.HLL_8);
        for (int i = 0; i < 3; i++) {
            viewers.update(("u" + i).getBytes(StandardCharsets.UTF_8));
        }
        byte[] sketch = viewers.toUpdatableByteArray();
        byte[] bytes = ByteBuffer.allocate(4 * Long.BYTES + sketch.length)
                .putLong(5).putLong(2).putLong(30_000).putLong(1).put(sketch).array();

        ChannelWindow read = serde.deserializer().deserialize("t", bytes);

        assertThat(read.report("a", 0, 60_000)).isEqualTo(new ChannelWindowReport("a", 0, 60_000, 5, 3, 2, 15.0, 1));
    }
}
