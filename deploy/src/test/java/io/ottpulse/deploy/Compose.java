package io.ottpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** compose.yml as read by the tests: its services, looked up by name, image or build context. */
final class Compose {

    static final String FILE = "compose.yml";

    private final Path projectDir;
    private final List<ComposeService> services;

    private Compose(Path projectDir, List<ComposeService> services) {
        this.projectDir = projectDir;
        this.services = List.copyOf(services);
    }

    static Compose read(Path projectDir) {
        JsonNode root = Project.yaml(projectDir.resolve(FILE));
        JsonNode servicesNode = root.path("services");
        if (!servicesNode.isObject() || servicesNode.isEmpty()) {
            throw new IllegalStateException(FILE + " declares no services");
        }
        List<ComposeService> services = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = servicesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            services.add(new ComposeService(projectDir, entry.getKey(), entry.getValue()));
        }
        return new Compose(projectDir, services);
    }

    Path projectDir() {
        return projectDir;
    }

    List<ComposeService> services() {
        return services;
    }

    ComposeService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in " + FILE));
    }

    boolean hasService(String name) {
        return services.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Services running an image whose name (without tag) is {@code repository}. */
    List<ComposeService> withImage(String repository) {
        return services.stream().filter(s -> s.image().map(i -> i.split(":")[0].equals(repository)).orElse(false))
                .toList();
    }

    /** Services built from the folder {@code context} (relative to the project, e.g. {@code registry}). */
    List<ComposeService> builtFrom(String context) {
        Path wanted = projectDir.resolve(context).normalize();
        return services.stream().filter(s -> s.buildContext().map(wanted::equals).orElse(false)).toList();
    }

    /** The one service built from {@code context}. */
    ComposeService onlyBuiltFrom(String context) {
        List<ComposeService> built = builtFrom(context);
        if (built.size() != 1) {
            throw new AssertionError("expected one service built from " + context + ", found " + built);
        }
        return built.get(0);
    }
}
