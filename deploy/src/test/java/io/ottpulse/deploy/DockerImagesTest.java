package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The images compose builds: Dockerfiles present, copying only what the build produces or the repository holds. */
class DockerImagesTest {

    /** The project's own services and the module each image is built from. */
    private static final List<String> SERVICE_MODULES = List.of("registry", "gateway", "stats-topology");

    private final Path home = Project.home();
    private final Compose compose = Compose.read(home);
    private final BuildArtifacts artifacts = BuildArtifacts.of(home);

    @Test
    void everyBuildContextHoldsItsDockerfile() {
        List<ComposeService> built = compose.services().stream().filter(s -> s.buildContext().isPresent()).toList();

        assertThat(built).isNotEmpty().allSatisfy(service -> {
            assertThat(service.buildContext().orElseThrow()).as(service.name()).isDirectory();
            assertThat(service.dockerfile().orElseThrow()).as(service.name()).isRegularFile();
        });
    }

    @Test
    void theProjectsServicesAreBuiltFromTheirModules() {
        for (String module : SERVICE_MODULES) {
            assertThat(compose.builtFrom(module)).as("services built from " + module).isNotEmpty();
        }
    }

    @Test
    void everyCopySourceIsABuildArtifactOrAFileOfTheRepository() {
        for (ComposeService service : compose.services()) {
            if (service.buildContext().isEmpty()) {
                continue;
            }
            Path context = service.buildContext().orElseThrow();
            for (Dockerfile.Copy copy : Dockerfile.read(service.dockerfile().orElseThrow()).copies()) {
                for (String source : copy.sources()) {
                    String path = home.relativize(context.resolve(source).normalize()).toString().replace('\\', '/');
                    if (path.contains("/target/")) {
                        assertThat(artifacts.produces(path)).as(service.name() + ": COPY " + path
                                + " must be something mvn package produces: " + artifacts.paths()).isTrue();
                    } else {
                        assertThat(context.resolve(source)).as(service.name() + ": COPY " + source).exists();
                    }
                }
            }
        }
    }

    @Test
    void theProjectsServicesRunTheirCopiedJarOnTemurin17Jre() {
        for (String module : SERVICE_MODULES) {
            Path context = home.resolve(module);
            Dockerfile dockerfile = Dockerfile.read(context.resolve("Dockerfile"));

            assertThat(dockerfile.baseImages()).as(module).singleElement().asString()
                    .startsWith("eclipse-temurin:17").contains("jre");
            List<String> entrypoint = dockerfile.entrypoint();
            assertThat(entrypoint).as(module).startsWith("java").contains("-jar");
            String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);
            assertThat(dockerfile.copies()).as(module + ": the jar the entrypoint runs is copied in")
                    .anySatisfy(copy -> {
                        assertThat(copy.destination()).isEqualTo(jar);
                        assertThat(copy.sources()).singleElement().asString().startsWith("target/").endsWith(".jar");
                    });
        }
    }

    @Test
    void theStatsImageCopiesTheLibFolderItsJarManifestNames() {
        Dockerfile stats = Dockerfile.read(home.resolve("stats-topology/Dockerfile"));
        String jar = stats.entrypoint().get(stats.entrypoint().indexOf("-jar") + 1);
        String jarDir = Path.of(jar).getParent().toString();

        // The jar's manifest Class-Path is lib/..., relative to the jar.
        assertThat(stats.copies()).anySatisfy(copy -> {
            assertThat(copy.sources()).containsExactly("target/lib/");
            assertThat(Path.of(copy.destination()).normalize()).isEqualTo(Path.of(jarDir, "lib"));
        });
        assertThat(Project.read(home.resolve("stats-topology/pom.xml"))).contains("<classpathPrefix>lib/</classpathPrefix>");
    }

    @Test
    void theConnectorsJobImageRunsTheScriptOfTheRepository() {
        ComposeService job = compose.onlyBuiltFrom("deploy/connectors");
        Dockerfile dockerfile = Dockerfile.read(job.dockerfile().orElseThrow());

        assertThat(dockerfile.copies()).anySatisfy(copy -> {
            assertThat(copy.sources()).containsExactly("deploy-connectors.sh");
            assertThat(dockerfile.entrypoint()).containsExactly(copy.destination());
        });
        assertThat(Files.isExecutable(home.resolve("deploy/connectors/deploy-connectors.sh"))).isTrue();
    }
}
