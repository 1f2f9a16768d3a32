package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;

/** Kafka's env config provider as the Connect workers declare it: {@code ${env:NAME}} reads the worker's NAME. */
final class EnvProvider {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvProvider() {
    }

    /** NAME of a value that is exactly {@code ${env:NAME}}. */
    static String variable(String value) {
        Matcher matcher = REFERENCE.matcher(value == null ? "" : value);
        if (!matcher.matches()) {
            throw new AssertionError("not an ${env:NAME} reference: " + value);
        }
        return matcher.group(1);
    }

    /** The worker file declares the provider {@code env} as Kafka's EnvVarConfigProvider. */
    static void requireConfigured(Properties worker) {
        assertThat(worker.getProperty("config.providers", "").split(",")).contains("env");
        assertThat(worker.getProperty("config.providers.env.class")).isEqualTo(EnvVarConfigProvider.class.getName());
    }
}
