package io.ottpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    private static final String KEY = "tv-key-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void mapsKeysToClientsWithTheirOwnLimitsOrTheDefaults() {
        ApiKeys keys = ApiKeys.load("tv:" + KEY + ":50:80, web:web-key-0123456789abcdef:20,\nbox:box-key-0123456789abcdef",
                null, 100, 200);

        assertThat(keys.lookup(KEY)).contains(new ApiClient("tv", 50, 80));
        assertThat(keys.lookup("web-key-0123456789abcdef")).contains(new ApiClient("web", 20, 40));
        assertThat(keys.lookup("box-key-0123456789abcdef")).contains(new ApiClient("box", 100, 200));
        assertThat(keys.lookup("tv-key-0123456789abcdeX")).isEmpty();
        assertThat(keys.clients()).extracting(ApiClient::name).containsExactly("box", "tv", "web");
    }

    @Test
    void readsAFileWithCommentsAndDigestsAndLetsAClientHaveTwoKeys() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, """
                # rotation in progress: old and new key of the same client
                tv:%s:50
                tv:{sha256}%s:50

                """.formatted(KEY, ApiKeys.digest("tv-new-key-0123456789abcdef").toUpperCase()));

        ApiKeys keys = ApiKeys.load("", file, 100, 200);

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.lookup(KEY)).contains(new ApiClient("tv", 50, 100));
        assertThat(keys.lookup("tv-new-key-0123456789abcdef")).contains(new ApiClient("tv", 50, 100));
    }

    @Test
    void namesABadEntryByPositionNeverByContent() {
        assertThatThrownBy(() -> ApiKeys.load("tv:" + KEY + ",web:short", null, 100, 200))
                .hasMessage("entry 2 of ottpulse.gateway.api-keys: a key has at least 16 printable characters,"
                        + " without spaces, ':' or ','")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> ApiKeys.load("tv:" + KEY + ":many", null, 100, 200))
                .hasMessage("entry 1 of ottpulse.gateway.api-keys: the rate is not a whole number")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void refusesAmbiguousEntries() {
        assertThatThrownBy(() -> ApiKeys.load("tv:" + KEY + ",web:" + KEY, null, 100, 200))
                .hasMessageContaining("the same key is listed twice");
        assertThatThrownBy(() -> ApiKeys.load("tv:" + KEY + ":10,tv:other-key-0123456789abc:20", null, 100, 200))
                .hasMessageContaining("client tv is listed with two different limits");
        assertThatThrownBy(() -> ApiKeys.load("anonymous:" + KEY, null, 100, 200))
                .hasMessageContaining("is reserved");
        assertThatThrownBy(() -> ApiKeys.load("tv:" + KEY + ":10:5", null, 100, 200))
                .hasMessageContaining("the burst at least the rate");
    }
}
