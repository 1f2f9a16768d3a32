package io.ottpulse.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --config-server[=URL]} option: take settings from the registry's Spring Cloud Config Server (for the
 * application name {@code gateway}: {@code config/gateway.yml} of the repository) on top of the packaged ones.
 * Without it the gateway reads only its own files and makes no call to a config server. Command-line arguments still
 * win over what the server serves.
 */
final class ConfigServerOption {

    static final String OPTION = "--config-server";
    /** The registry on its default port, which serves the config server under {@code /config}. */
    static final String DEFAULT_URL = "http://localhost:8761/config";
    private static final String IMPORT = "--spring.config.import=";

    private ConfigServerOption() {
    }

    /** The arguments with the option turned into the Spring properties that import from the server. */
    static String[] apply(String[] args) {
        List<String> result = new ArrayList<>();
        String url = null;
        String imports = null;
        for (String arg : args) {
            if (arg.equals(OPTION)) {
                url = DEFAULT_URL;
            } else if (arg.startsWith(OPTION + "=")) {
                url = arg.substring(OPTION.length() + 1);
            } else if (arg.startsWith(IMPORT)) {
                imports = arg.substring(IMPORT.length());
            } else {
                result.add(arg);
            }
        }
        if (url != null) {
            String server = "configserver:" + url;
            imports = imports == null ? server : imports + "," + server;
            result.add("--spring.cloud.config.enabled=true");
        }
        if (imports != null) {
            result.add(IMPORT + imports);
        }
        return result.toArray(String[]::new);
    }
}
