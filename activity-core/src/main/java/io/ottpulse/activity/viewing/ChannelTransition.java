package io.ottpulse.activity.viewing;

import java.util.ArrayList;
import java.util.List;

/**
 * A viewer switching straight from one channel to another: the unit of zapping analysis.
 *
 * @param dwellMs watch time on the channel left
 * @param switchedAt event time of the switch
 */
public record ChannelTransition(String fromChannelId, String toChannelId, long dwellMs, long switchedAt) {

    /** The switches along a path of stays: each stay ended by a switch, paired with the stay after it. */
    public static List<ChannelTransition> along(List<ChannelStay> stays) {
        List<ChannelTransition> transitions = new ArrayList<>();
        for (int i = 0; i + 1 < stays.size(); i++) {
            ChannelStay from = stays.get(i);
            ChannelStay to = stays.get(i + 1);
            if (from.exit() == ChannelStay.Exit.SWITCH && to.enteredAt() != null) {
                transitions.add(new ChannelTransition(from.channelId(), to.channelId(), from.watchedMs(), to.enteredAt()));
            }
        }
        return transitions;
    }

    public DwellClass dwellClass() {
        return DwellClass.of(dwellMs / 1000);
    }
}
