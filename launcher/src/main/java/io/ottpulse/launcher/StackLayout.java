package io.ottpulse.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the built components are (under the project home) and where the stack keeps its data and logs (under the
 * data directory, {@code ./data} by default).
 */
record StackLayout(Path home, Path dataDir) {

    Path registryJar() {
        return home.resolve("registry/target/registry-exec.jar");
    }

    Path gatewayJar() {
        return home.resolve("gateway/target/gateway-exec.jar");
    }

    Path statsJar() {
        return home.resolve("stats-topology/target/stats-topology.jar");
    }

    Path loadgenJar() {
        return home.resolve("loadgen/target/loadgen.jar");
    }

    Path launcherJar() {
        return home.resolve("launcher/target/launcher.jar");
    }

    Path agentJar() {
        return home.resolve("launcher/target/launcher-agent.jar");
    }

    List<Path> pluginDirs() {
        return List.of(home.resolve("connect-http-source/target/plugin"), home.resolve("connect-hdfs-sink/target/plugin"));
    }

    Path connectorsDir() {
        return home.resolve("connectors");
    }

    Path statsDefaultConfig() {
        return home.resolve("stats-topology/stats-topology.json");
    }

    Path logs() {
        return dataDir.resolve("logs");
    }

    Path config() {
        return dataDir.resolve("config");
    }

    Path run() {
        return dataDir.resolve("run");
    }

    Path pidFile() {
        return run().resolve("launcher.pid");
    }

    /** Fails listing every artifact the build has not produced yet. */
    void requireBuilt() {
        List<Path> missing = new java.util.ArrayList<>();
        for (Path artifact : List.of(registryJar(), gatewayJar(), statsJar(), loadgenJar(), launcherJar(), agentJar())) {
            if (!Files.exists(artifact)) {
                missing.add(artifact);
            }
        }
        pluginDirs().stream().filter(dir -> !Files.isDirectory(dir)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing + "; run mvn -DskipTests package");
        }
    }
}
