package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeVariablesTest {

    private final Path home = Project.home();

    @Test
    void everyVariableOfComposeAndItsEnvironmentFilesIsDefinedInDotEnvOrHasADefault() {
        Set<String> defined = EnvFile.read(home.resolve(".env")).keySet();
        Compose compose = Compose.read(home);
        List<String> undefined = new ArrayList<>(ComposeVariables.undefined(Project.read(home.resolve(Compose.FILE)), defined));
        compose.services().stream().flatMap(s -> s.envFiles().stream()).distinct()
                .forEach(file -> undefined.addAll(ComposeVariables.undefined(Project.read(file), defined)));

        assertThat(undefined).isEmpty();
        assertThat(ComposeVariables.references(Project.read(home.resolve(Compose.FILE))))
                .as("the variables compose.yml takes from .env")
                .extracting(ComposeVariables.Reference::name)
                .contains("OTTPULSE_INGEST_TOKEN", "OTTPULSE_API_KEYS", "KAFKA_CLUSTER_ID");
    }

    @Test
    void dotEnvDefinesNoEmptySecret() {
        assertThat(EnvFile.read(home.resolve(".env")))
                .allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank())
                .hasEntrySatisfying("OTTPULSE_INGEST_TOKEN", token -> assertThat(token)
                        .as("the gateway refuses an ingest token under 16 characters").hasSizeGreaterThanOrEqualTo(16));
    }

    @Test
    void findsReferencesDefaultsAndEscapes() {
        String text = "a: ${DEFINED}\nb: ${WITH_DEFAULT:-x}\nc: ${ALSO-y}\nd: $BARE\ne: $${NOT_A_REF}\nf: ${REQUIRED:?set it}";

        assertThat(ComposeVariables.undefined(text, Set.of("DEFINED")))
                .containsExactly("$BARE", "${REQUIRED:?set it}");
    }

    @Test
    void refusesWhatComposeCannotInterpolate() {
        assertThatThrownBy(() -> ComposeVariables.references("token: ${env:OTTPULSE_INGEST_TOKEN}"))
                .isInstanceOf(AssertionError.class);
    }
}
