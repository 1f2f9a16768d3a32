package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildArtifactsTest {

    private static final Pattern LAUNCHER_PATH = Pattern.compile("home\\.resolve\\(\"([^\"]+/target/[^\"]+)\"\\)");

    @Test
    void producesEveryArtifactTheLauncherRuns() {
        String layout = Project.read(Project.home()
                .resolve("launcher/src/main/java/io/ottpulse/launcher/StackLayout.java"));
        Matcher matcher = LAUNCHER_PATH.matcher(layout);
        List<String> launcherPaths = matcher.results().map(m -> m.group(1)).toList();

        assertThat(launcherPaths).hasSizeGreaterThanOrEqualTo(6);
        assertThat(BuildArtifacts.of(Project.home()).paths()).containsAll(launcherPaths);
    }

    @Test
    void derivesEachKindOfArtifactFromThePoms() {
        assertThat(BuildArtifacts.of(Project.home()).paths()).contains(
                "registry/target/registry.jar",
                "registry/target/registry-exec.jar",
                "stats-topology/target/lib",
                "connect-http-source/target/plugin/ottpulse-http-source",
                "connect-hdfs-sink/target/plugin.zip",
                "udfs/target/ottpulse-udfs-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void aRepackageWithoutClassifierProducesNoSecondJar(@TempDir Path project) throws IOException {
        writeProject(project, "<finalName>${project.artifactId}</finalName>", "");

        assertThat(BuildArtifacts.of(project).paths()).containsExactly("app/target/app.jar");
    }

    @Test
    void aClassifiedRepackageProducesItsJarNamedAfterTheFinalName(@TempDir Path project) throws IOException {
        writeProject(project, "", "<configuration><classifier>exec</classifier></configuration>");

        assertThat(BuildArtifacts.of(project).paths())
                .containsExactlyInAnyOrder("app/target/app-1.0.jar", "app/target/app-1.0-exec.jar");
    }

    private static void writeProject(Path project, String finalName, String executionConfig) throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project><artifactId>parent</artifactId><version>1.0</version>
                  <modules><module>app</module></modules></project>""");
        Files.createDirectories(project.resolve("app"));
        Files.writeString(project.resolve("app/pom.xml"), """
                <project><parent><version>1.0</version></parent><artifactId>app</artifactId>
                  <build>%s<plugins><plugin>
                    <artifactId>spring-boot-maven-plugin</artifactId>
                    <executions><execution><goals><goal>repackage</goal></goals>%s</execution></executions>
                  </plugin></plugins></build></project>""".formatted(finalName, executionConfig));
    }
}
