package io.ottpulse.stats.viewers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ChannelActivityTest {

    private final Serde<ChannelActivity> serde = ChannelActivity.serde();

    @Test
    void everyCombinationReadsBackAsWritten() {
        for (ChannelActivity activity : new ChannelActivity[] {
            new ChannelActivity(true, true, ChannelActivity.NO_STAY_ENDED),
            new ChannelActivity(false, true, ChannelActivity.NO_STAY_ENDED),
            new ChannelActivity(false, false, 0),
            new ChannelActivity(true, false, 61_000),
            new ChannelActivity(true, true, 1_500)}) {
            byte[] bytes = serde.serializer().serialize("t", activity);

            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(activity);
        }
    }

    /** The JSON records the repartition topic held before, one per kind: what an upgrade finds there. */
    @Test
    void theEarlierJsonFormIsStillRead() {
        assertThat(read("{\"channelId\":\"a\",\"userId\":\"u1\",\"kind\":\"tune_in\",\"at\":5,\"dwellMs\":0}"))
                .isEqualTo(new ChannelActivity(true, false, ChannelActivity.NO_STAY_ENDED));
        assertThat(read("{\"channelId\":\"a\",\"userId\":\"u1\",\"kind\":\"seen\",\"at\":5,\"dwellMs\":0}"))
                .isEqualTo(new ChannelActivity(false, true, ChannelActivity.NO_STAY_ENDED));
        assertThat(read("{\"channelId\":\"a\",\"userId\":\"u1\",\"kind\":\"stay_end\",\"at\":5,\"dwellMs\":7000}"))
                .isEqualTo(new ChannelActivity(false, false, 7_000));
    }

    private ChannelActivity read(String json) {
        return serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }
}
