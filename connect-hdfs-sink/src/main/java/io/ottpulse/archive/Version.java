package io.ottpulse.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version, as written by the build into {@code version.properties}. */
final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("version.properties is missing from the connector jar", e);
        }
    }
}
