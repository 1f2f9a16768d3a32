package io.ottpulse.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The instructions of a Dockerfile that the tests check: FROM, COPY and ENTRYPOINT. */
final class Dockerfile {

    /** A COPY (or ADD): sources relative to the build context, and the destination in the image. */
    record Copy(List<String> sources, String destination) {
    }

    record Instruction(String keyword, String arguments) {
    }

    private final Path file;
    private final List<Instruction> instructions;

    private Dockerfile(Path file, List<Instruction> instructions) {
        this.file = file;
        this.instructions = instructions;
    }

    static Dockerfile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("Dockerfile missing: " + file);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Project.read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String instruction = pending.toString().strip();
            pending.setLength(0);
            String[] parts = instruction.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
        }
        return new Dockerfile(file, instructions);
    }

    Path file() {
        return file;
    }

    List<String> baseImages() {
        return instructions.stream().filter(i -> i.keyword().equals("FROM"))
                .map(i -> i.arguments().split("\\s+")[0]).toList();
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("COPY") || instruction.keyword().equals("ADD")) {
                List<String> words = instruction.arguments().startsWith("[")
                        ? jsonArray(instruction.arguments())
                        : Arrays.stream(instruction.arguments().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                copies.add(new Copy(words.subList(0, words.size() - 1), words.get(words.size() - 1)));
            }
        }
        return copies;
    }

    /** The last ENTRYPOINT in exec form (a JSON array). */
    List<String> entrypoint() {
        List<Instruction> entrypoints = instructions.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).toList();
        if (entrypoints.isEmpty()) {
            throw new AssertionError(file + " has no ENTRYPOINT");
        }
        return jsonArray(entrypoints.get(entrypoints.size() - 1).arguments());
    }

    private List<String> jsonArray(String text) {
        try {
            return Project.JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new AssertionError(file + ": not a JSON array: " + text, e);
        }
    }
}
