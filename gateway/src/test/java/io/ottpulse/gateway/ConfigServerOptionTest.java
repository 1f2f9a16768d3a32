package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigServerOptionTest {

    @Test
    void withoutTheOptionTheArgumentsStayAsTheyAre() {
        assertThat(ConfigServerOption.apply(new String[] {"--server.port=9000"})).containsExactly("--server.port=9000");
    }

    @Test
    void theOptionImportsFromTheGivenOrTheDefaultServer() {
        assertThat(ConfigServerOption.apply(new String[] {"--config-server=http://reg:8761/config", "--x=1"}))
                .containsExactly("--x=1", "--spring.cloud.config.enabled=true",
                        "--spring.config.import=configserver:http://reg:8761/config");
        assertThat(ConfigServerOption.apply(new String[] {"--config-server"}))
                .contains("--spring.config.import=configserver:" + ConfigServerOption.DEFAULT_URL);
    }

    @Test
    void keepsOtherImports() {
        assertThat(ConfigServerOption.apply(new String[] {"--spring.config.import=file:/etc/secrets.properties",
                "--config-server"}))
                .contains("--spring.config.import=file:/etc/secrets.properties,configserver:"
                        + ConfigServerOption.DEFAULT_URL);
    }
}
