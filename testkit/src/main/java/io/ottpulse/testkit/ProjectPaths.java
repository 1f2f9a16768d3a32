package io.ottpulse.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put the artifacts of other modules that a test runs. */
public final class ProjectPaths {

    /**
     * Set by the parent pom for every test run; the folder holding the root pom. Benchmarks started by hand from the
     * project's root (as the READMEs show) use the working directory instead.
     */
    public static final String HOME_PROPERTY = "ottpulse.home";

    private ProjectPaths() {
    }

    public static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home);
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (Files.isDirectory(workingDirectory.resolve("connectors")) && Files.exists(workingDirectory.resolve("pom.xml"))) {
            return workingDirectory;
        }
        throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set and " + workingDirectory
                + " is not the project's root; run tests through Maven, benchmarks from the project's root");
    }

    /** A file a module's build produces, failing with the command that builds it when it is missing. */
    public static Path artifact(String module, String relativePath) {
        Path path = home().resolve(module).resolve(relativePath);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build it first with mvn -pl " + module + " -am package");
        }
        return path;
    }
}
