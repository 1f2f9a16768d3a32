package io.ottpulse.stats.viewers;

import java.nio.charset.StandardCharsets;

/** Reads what {@link BinaryWriter} (or {@link java.io.DataOutputStream}) wrote, straight from the array. */
final class BinaryReader {

    private final byte[] bytes;
    private int position;

    BinaryReader(byte[] bytes) {
        this.bytes = bytes;
    }

    byte readByte() {
        check(1);
        return bytes[position++];
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    short readShort() {
        check(2);
        int high = bytes[position++] & 0xFF;
        return (short) ((high << 8) | (bytes[position++] & 0xFF));
    }

    long readLong() {
        check(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    /** As {@link java.io.DataInputStream#readUTF}; ASCII (ids, in practice) is copied without decoding. */
    String readUtf() {
        int length = readShort() & 0xFFFF;
        check(length);
        int end = position + length;
        boolean ascii = true;
        for (int i = position; i < end && ascii; i++) {
            ascii = bytes[i] > 0;
        }
        if (ascii) {
            String text = new String(bytes, position, length, StandardCharsets.ISO_8859_1);
            position = end;
            return text;
        }
        char[] chars = new char[length];
        int count = 0;
        while (position < end) {
            int b = bytes[position++] & 0xFF;
            if (b < 0x80) {
                chars[count++] = (char) b;
            } else if ((b & 0xE0) == 0xC0) {
                chars[count++] = (char) (((b & 0x1F) << 6) | continuation(end));
            } else if ((b & 0xF0) == 0xE0) {
                int middle = continuation(end);
                chars[count++] = (char) (((b & 0x0F) << 12) | (middle << 6) | continuation(end));
            } else {
                throw new IllegalArgumentException("malformed modified UTF-8 at byte " + (position - 1));
            }
        }
        return new String(chars, 0, count);
    }

    private int continuation(int end) {
        if (position >= end || (bytes[position] & 0xC0) != 0x80) {
            throw new IllegalArgumentException("malformed modified UTF-8 at byte " + position);
        }
        return bytes[position++] & 0x3F;
    }

    private void check(int more) {
        if (position + more > bytes.length) {
            throw new IllegalArgumentException("truncated: " + more + " bytes wanted at " + position + " of "
                    + bytes.length);
        }
    }
}
