package io.ottpulse.activity.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T09:00:00.123Z", "2026-11-26T09:00:00Z", "1970-01-01T00:00:00.000Z",
            "2024-02-29T23:59:59.999Z", "9999-12-31T23:59:59.999Z", "2026-11-26T10:00:00.123+01:00",
            "2026-11-26T09:00:00.1Z", "2026-11-26T09:00:00.123456Z", "2026-11-26T24:00:00Z"})
    void agreesWithInstantParse(String text) {
        assertThat(IsoTimestamps.parseMillis(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-26T09:00:00.123Z", "2026-02-30T09:00:00Z", "2025-02-29T00:00:00Z",
            "2026-11-26T09:60:00Z", "2026-11-26T09:00:60.000Z", "2026-11-26 09:00:00Z",
            "2026-11-26T09:00:00", "20a6-11-26T09:00:00Z", "", "yesterday"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoTimestamps.parseMillis(text)).isInstanceOf(DateTimeException.class);
    }
}
