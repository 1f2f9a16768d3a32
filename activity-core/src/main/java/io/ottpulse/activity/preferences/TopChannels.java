package io.ottpulse.activity.preferences;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks channels by watch time: the top n, each with its share of the viewer's whole watch time. */
public final class TopChannels {

    private TopChannels() {
    }

    /**
     * @param seconds watch seconds per channel; channels with nothing are left out
     * @return at most {@code n} channels, most watched first, ties by channel id; shares relative to all channels
     */
    public static List<ChannelShare> of(Map<String, ? extends Number> seconds, int n) {
        double total = seconds.values().stream().mapToDouble(Number::doubleValue).filter(s -> s > 0).sum();
        List<ChannelShare> ranked = new ArrayList<>();
        if (total <= 0 || n <= 0) {
            return ranked;
        }
        seconds.forEach((channel, value) -> {
            if (value.doubleValue() > 0) {
                ranked.add(new ChannelShare(channel, value.doubleValue(), value.doubleValue() / total));
            }
        });
        ranked.sort(Comparator.comparingDouble(ChannelShare::seconds).reversed().thenComparing(ChannelShare::channelId));
        return ranked.size() <= n ? ranked : new ArrayList<>(ranked.subList(0, n));
    }
}
