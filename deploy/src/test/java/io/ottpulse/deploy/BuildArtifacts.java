package io.ottpulse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The files and folders {@code mvn package} produces, worked out from the poms (not from a previous build's
 * {@code target/}): per module of the root pom, its main jar, Spring Boot repackaged and classified jars,
 * copy-dependencies folders and assembly outputs (folder and zip). Paths are project-relative, with {@code /}.
 */
final class BuildArtifacts {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Set<String> paths;

    private BuildArtifacts(Set<String> paths) {
        this.paths = paths;
    }

    static BuildArtifacts of(Path projectDir) {
        Element root = pom(projectDir.resolve("pom.xml"));
        Set<String> paths = new TreeSet<>();
        for (Element module : children(child(root, "modules").orElseThrow(), "module")) {
            paths.addAll(moduleArtifacts(projectDir, module.getTextContent().trim()));
        }
        return new BuildArtifacts(paths);
    }

    Set<String> paths() {
        return paths;
    }

    boolean produces(String projectRelativePath) {
        return paths.contains(projectRelativePath);
    }

    /** What the module {@code module} (a folder of the project) produces. */
    static List<String> moduleArtifacts(Path projectDir, String module) {
        Path moduleDir = projectDir.resolve(module);
        Element pom = pom(moduleDir.resolve("pom.xml"));
        Map<String, String> properties = new HashMap<>();
        String artifactId = childText(pom, "artifactId").orElseThrow();
        properties.put("project.artifactId", artifactId);
        properties.put("project.version", childText(pom, "version")
                .or(() -> child(pom, "parent").flatMap(parent -> childText(parent, "version")))
                .orElseThrow(() -> new IllegalStateException(module + "/pom.xml has no version")));
        properties.put("project.build.directory", "target");
        Optional<Element> build = child(pom, "build");
        String finalName = build.flatMap(b -> childText(b, "finalName"))
                .map(name -> resolve(name, properties))
                .orElse(artifactId + "-" + properties.get("project.version"));
        properties.put("project.build.finalName", finalName);

        List<String> artifacts = new ArrayList<>();
        String packaging = childText(pom, "packaging").orElse("jar");
        if (packaging.equals("jar")) {
            artifacts.add("target/" + finalName + ".jar");
        }
        for (Element plugin : build.flatMap(b -> child(b, "plugins")).map(p -> children(p, "plugin")).orElse(List.of())) {
            String pluginId = childText(plugin, "artifactId").orElseThrow();
            for (Element execution : executions(plugin)) {
                Element config = merged(plugin, execution);
                switch (pluginId) {
                    case "spring-boot-maven-plugin", "maven-jar-plugin" -> {
                        if (hasGoal(execution, pluginId.equals("maven-jar-plugin") ? "jar" : "repackage")) {
                            childText(config, "classifier").ifPresent(classifier ->
                                    artifacts.add("target/" + finalName + "-" + resolve(classifier, properties) + ".jar"));
                        }
                    }
                    case "maven-dependency-plugin" -> {
                        if (hasGoal(execution, "copy-dependencies")) {
                            artifacts.add(resolve(childText(config, "outputDirectory")
                                    .orElse("${project.build.directory}/dependency"), properties));
                        }
                    }
                    case "maven-assembly-plugin" -> {
                        if (hasGoal(execution, "single")) {
                            artifacts.addAll(assemblyOutputs(moduleDir, config, execution, finalName, properties));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return artifacts.stream().map(path -> module + "/" + path).toList();
    }

    private static List<String> assemblyOutputs(Path moduleDir, Element config, Element execution, String buildFinalName,
                                                Map<String, String> properties) {
        String name = childText(config, "finalName").map(n -> resolve(n, properties)).orElse(buildFinalName);
        boolean appendId = childText(config, "appendAssemblyId").map(Boolean::parseBoolean).orElse(true);
        List<String> outputs = new ArrayList<>();
        for (Element descriptorRef : child(config, "descriptors").map(d -> children(d, "descriptor")).orElse(List.of())) {
            Element descriptor = pom(moduleDir.resolve(descriptorRef.getTextContent().trim()));
            String id = childText(descriptor, "id").orElseThrow();
            String output = appendId ? name + "-" + id : name;
            boolean includeBaseDirectory = childText(descriptor, "includeBaseDirectory").map(Boolean::parseBoolean)
                    .orElse(true);
            String baseDirectory = childText(descriptor, "baseDirectory").map(b -> resolve(b, properties)).orElse(name);
            for (Element format : child(descriptor, "formats").map(f -> children(f, "format")).orElse(List.of())) {
                String kind = format.getTextContent().trim();
                if (kind.equals("dir")) {
                    outputs.add("target/" + output);
                    if (includeBaseDirectory) {
                        outputs.add("target/" + output + "/" + baseDirectory);
                    }
                } else {
                    outputs.add("target/" + output + "." + kind);
                }
            }
        }
        return outputs;
    }

    /** The execution's configuration with the plugin's as fallback: a one-level merge, enough for these poms. */
    private static Element merged(Element plugin, Element execution) {
        Element executionConfig = child(execution, "configuration").orElse(null);
        Element pluginConfig = child(plugin, "configuration").orElse(null);
        if (executionConfig == null) {
            return pluginConfig != null ? pluginConfig : execution;
        }
        if (pluginConfig != null) {
            for (Element setting : children(pluginConfig, null)) {
                if (child(executionConfig, setting.getTagName()).isEmpty()) {
                    executionConfig.appendChild(setting.cloneNode(true));
                }
            }
        }
        return executionConfig;
    }

    private static List<Element> executions(Element plugin) {
        return child(plugin, "executions").map(e -> children(e, "execution")).orElse(List.of());
    }

    private static boolean hasGoal(Element execution, String goal) {
        return child(execution, "goals").map(g -> children(g, "goal")).orElse(List.of()).stream()
                .anyMatch(g -> g.getTextContent().trim().equals(goal));
    }

    private static String resolve(String text, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(text.trim());
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = properties.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("cannot resolve ${" + matcher.group(1) + "} in " + text);
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static Element pom(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing: " + file);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static Optional<Element> child(Element parent, String tag) {
        List<Element> matches = children(parent, tag);
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }

    private static Optional<String> childText(Element parent, String tag) {
        return child(parent, tag).map(e -> e.getTextContent().trim());
    }

    /** Direct child elements, all of them when {@code tag} is null. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
                children.add(element);
            }
        }
        return children;
    }
}
