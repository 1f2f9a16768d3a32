package io.ottpulse.stats.viewers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store formats were written with DataOutputStream: the writer must give the very same bytes. */
class BinaryWriterTest {

    private static final List<String> TEXTS = List.of("", "ch-42", "café", "频道 ✓", "nul\u0000inside", "x".repeat(300));

    @Test
    void writesWhatDataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BinaryWriter writer = new BinaryWriter(4);
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeByte(2);
            out.writeBoolean(true);
            out.writeShort(-3);
            out.writeLong(Long.MIN_VALUE + 12_345);
            out.writeDouble(-0.125);
            for (String text : TEXTS) {
                out.writeUTF(text);
            }
        }
        writer.writeByte(2).writeBoolean(true).writeShort(-3).writeLong(Long.MIN_VALUE + 12_345).writeDouble(-0.125);
        TEXTS.forEach(writer::writeUtf);

        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void readsWhatItWrote() {
        BinaryWriter writer = new BinaryWriter(16);
        writer.writeByte(-7).writeBoolean(false).writeShort(513).writeLong(-42).writeDouble(3.5);
        TEXTS.forEach(writer::writeUtf);

        BinaryReader reader = new BinaryReader(writer.toByteArray());

        assertThat(reader.readByte()).isEqualTo((byte) -7);
        assertThat(reader.readBoolean()).isFalse();
        assertThat(reader.readShort()).isEqualTo((short) 513);
        assertThat(reader.readLong()).isEqualTo(-42);
        assertThat(reader.readDouble()).isEqualTo(3.5);
        for (String text : TEXTS) {
            assertThat(reader.readUtf()).isEqualTo(text);
        }
    }

    @Test
    void aTruncatedValueIsAnError() {
        byte[] bytes = new BinaryWriter(8).writeLong(1).toByteArray();

        assertThatThrownBy(() -> new BinaryReader(java.util.Arrays.copyOf(bytes, 5)).readLong())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
