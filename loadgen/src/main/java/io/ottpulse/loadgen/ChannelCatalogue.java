package io.ottpulse.loadgen;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** Channels {@code ch-1..ch-n} with Zipf popularity: channel k is chosen with weight 1 / k^exponent. */
public final class ChannelCatalogue {

    private final String[] ids;
    private final double[] cumulative;

    public ChannelCatalogue(int channels, double exponent) {
        if (channels < 2) {
            throw new IllegalArgumentException("at least 2 channels are needed to switch between, got " + channels);
        }
        ids = new String[channels];
        cumulative = new double[channels];
        double sum = 0;
        for (int k = 1; k <= channels; k++) {
            ids[k - 1] = "ch-" + k;
            sum += 1.0 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < channels; i++) {
            cumulative[i] /= sum;
        }
    }

    public int size() {
        return ids.length;
    }

    /** Every channel id, most popular first. */
    public List<String> ids() {
        return List.of(ids);
    }

    /** A channel drawn by popularity. */
    public String pick(RandomGenerator random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return ids[Math.min(index < 0 ? -index - 1 : index, ids.length - 1)];
    }

    /** A channel drawn by popularity, other than {@code current}. */
    public String pickOther(RandomGenerator random, String current) {
        String next = pick(random);
        while (next.equals(current)) {
            next = pick(random);
        }
        return next;
    }
}
