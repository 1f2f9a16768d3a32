package io.ottpulse.stats.viewers;

import java.util.Arrays;

/**
 * Writes the bytes {@link java.io.DataOutputStream} writes (big-endian numbers, strings as modified UTF-8 after an
 * unsigned 16-bit length), into one growing array: the store serdes run for every event, and the stream pair pays a
 * synchronized call per value, an array per string and a copy at the end.
 */
final class BinaryWriter {

    private byte[] bytes;
    private int size;

    BinaryWriter(int expectedSize) {
        this.bytes = new byte[expectedSize];
    }

    BinaryWriter writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    BinaryWriter writeShort(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryWriter writeDouble(double value) {
        return writeLong(Double.doubleToLongBits(value));
    }

    /** As {@link java.io.DataOutputStream#writeUTF}: NUL and chars above 0x7F take two or three bytes. */
    BinaryWriter writeUtf(String value) {
        int length = value.length();
        int encoded = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            encoded += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
        }
        if (encoded > 0xFFFF) {
            throw new IllegalArgumentException("string too long to encode: " + encoded + " bytes");
        }
        writeShort(encoded);
        ensure(encoded);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[size++] = (byte) c;
            } else if (c > 0x07FF) {
                bytes[size++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[size++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                bytes[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
