package io.ottpulse.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the output topics that do not exist yet, with the input topic's partition count and the broker's default
 * replication, so the application starts on a fresh cluster (Kafka Streams creates only its internal topics).
 * Returns the input topic's partition count, which every repartition topic of the topology also has.
 */
final class OutputTopics {

    private OutputTopics() {
    }

    /** Creates a topic unless another instance just did. */
    private static void create(Admin admin, NewTopic topic) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static int ensure(StatsConfig config) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(config.inputTopic())) {
                throw new IllegalStateException("the input topic " + config.inputTopic() + " does not exist");
            }
            int partitions = admin.describeTopics(List.of(config.inputTopic())).allTopicNames().get()
                    .get(config.inputTopic()).partitions().size();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(config.channelLoad().outputTopic(), config.preferences().outputTopic(),
                    config.channelStats().outputTopic(), config.alerts().outputTopic())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                }
            }
            for (NewTopic topic : missing) {
                create(admin, topic);
            }
            return partitions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot prepare the output topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the output topics", e);
        }
    }
}
