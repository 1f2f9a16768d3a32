package io.ottpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service of compose.yml, in the short and long syntaxes compose accepts. */
final class ComposeService {

    /** A volume: a bind mount when its source is a path, else a named volume. */
    record Mount(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    private final Path projectDir;
    private final String name;
    private final JsonNode node;

    ComposeService(Path projectDir, String name, JsonNode node) {
        this.projectDir = projectDir;
        this.name = name;
        this.node = node;
    }

    String name() {
        return name;
    }

    /** The container's host name: {@code hostname}, else compose's default, the container id (not the name). */
    Optional<String> hostname() {
        return text(node.get("hostname"));
    }

    Optional<String> image() {
        return text(node.get("image"));
    }

    /** The build context as an absolute path. */
    Optional<Path> buildContext() {
        JsonNode build = node.get("build");
        if (build == null) {
            return Optional.empty();
        }
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        return Optional.of(projectDir.resolve(context).normalize());
    }

    /** The Dockerfile, relative to the build context unless absolute. */
    Optional<Path> dockerfile() {
        JsonNode build = node.get("build");
        String dockerfile = build != null && build.isObject() ? build.path("dockerfile").asText("Dockerfile") : "Dockerfile";
        return buildContext().map(context -> context.resolve(dockerfile).normalize());
    }

    /** Environment files first, then {@code environment}, which wins, as compose merges them. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Path file : envFiles()) {
            environment.putAll(EnvFile.read(file));
        }
        JsonNode env = node.get("environment");
        if (env != null && env.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                environment.put(e.getKey(), e.getValue().asText());
            }
        } else if (env != null && env.isArray()) {
            for (JsonNode entry : env) {
                String[] pair = entry.asText().split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return environment;
    }

    /** A variable of the environment that must be set. */
    String env(String key) {
        String value = environment().get(key);
        if (value == null) {
            throw new AssertionError("service " + name + " does not set " + key);
        }
        return value;
    }

    List<Path> envFiles() {
        return strings(node.get("env_file")).stream().map(file -> projectDir.resolve(file).normalize()).toList();
    }

    List<String> entrypoint() {
        return strings(node.get("entrypoint"));
    }

    List<String> command() {
        return strings(node.get("command"));
    }

    /** The value of a {@code --name=value} or {@code --name value} argument of the command. */
    Optional<String> argument(String option) {
        List<String> args = command();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith(option + "=")) {
                return Optional.of(args.get(i).substring(option.length() + 1));
            }
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    List<Mount> volumes() {
        List<Mount> mounts = new ArrayList<>();
        JsonNode volumes = node.get("volumes");
        if (volumes == null) {
            return mounts;
        }
        for (JsonNode volume : volumes) {
            if (volume.isObject()) {
                mounts.add(new Mount(volume.path("source").asText(), volume.path("target").asText(),
                        volume.path("read_only").asBoolean(false)));
            } else {
                String[] parts = volume.asText().split(":");
                if (parts.length < 2) {
                    throw new AssertionError(name + ": a volume without a target: " + volume.asText());
                }
                mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
            }
        }
        return mounts;
    }

    /** The bind mount whose target is {@code target}. */
    Mount mountAt(String target) {
        return volumes().stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("service " + name + " mounts nothing at " + target));
    }

    /** The project-relative source of a bind mount, normalised ({@code ./a/../b} becomes {@code b}). */
    String projectPath(Mount mount) {
        return projectDir.relativize(projectDir.resolve(mount.source()).normalize()).toString().replace('\\', '/');
    }

    /** Container ports published on the host. */
    List<Integer> publishedContainerPorts() {
        List<Integer> ports = new ArrayList<>();
        for (String port : strings(node.get("ports"))) {
            String[] parts = port.split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].split("/")[0]));
        }
        return ports;
    }

    List<String> dependsOn() {
        JsonNode dependsOn = node.get("depends_on");
        if (dependsOn != null && dependsOn.isObject()) {
            List<String> names = new ArrayList<>();
            dependsOn.fieldNames().forEachRemaining(names::add);
            return names;
        }
        return strings(dependsOn);
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.isObject() ? value.path("path").asText() : value.asText()));
            return values;
        }
        return Arrays.stream(node.asText().trim().split("\\s+")).toList();
    }

    private static Optional<String> text(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    @Override
    public String toString() {
        return name;
    }
}
