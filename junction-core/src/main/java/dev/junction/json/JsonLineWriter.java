package dev.junction.json;

import java.time.Instant;
import java.util.Arrays;

/**
 * Writes one JSON object as UTF-8 into a growable byte array that can be reused line after line. Used
 * for what is written on the request thread for every request (the ledger's intake line, the access
 * log line), where a general JSON generator cost ~3 us per usage row (context tracking, buffer
 * recycling, its own double formatting, an output stream and a copy). Here a field is a name, a colon
 * and a value appended in place.
 *
 * <p>Commas are placed by tracking whether the current object or array already holds a value. Strings
 * are escaped as JSON requires: quote, backslash and control characters; characters outside ASCII go
 * out as UTF-8. A lone surrogate (not text, but a Java string can hold one) becomes U+FFFD, as
 * {@link String#getBytes} would make it.
 */
public final class JsonLineWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] buf;
    private int len;
    private boolean needComma;

    public JsonLineWriter(int initialCapacity) { buf = new byte[initialCapacity]; }

    public JsonLineWriter reset() {
        len = 0;
        needComma = false;
        return this;
    }

    public byte[] array() { return buf; }

    public int length() { return len; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, len); }

    public JsonLineWriter startObject() { return open('{'); }

    public JsonLineWriter startObject(String name) { return name(name).open('{'); }

    public JsonLineWriter startObject(Name name) { return name(name).open('{'); }

    public JsonLineWriter endObject() { return close('}'); }

    public JsonLineWriter startArray(String name) { return name(name).open('['); }

    public JsonLineWriter startArray(Name name) { return name(name).open('['); }

    public JsonLineWriter endArray() { return close(']'); }

    public JsonLineWriter newline() {
        put((byte) '\n');
        return this;
    }

    public JsonLineWriter field(String name, String value) { return name(name).value(value); }

    public JsonLineWriter field(Name name, String value) { return name(name).value(value); }

    public JsonLineWriter field(String name, long value) { return name(name).value(value); }

    public JsonLineWriter field(Name name, long value) { return name(name).value(value); }

    public JsonLineWriter field(String name, boolean value) { return name(name).value(value); }

    public JsonLineWriter field(Name name, boolean value) { return name(name).value(value); }

    /** A double as Java prints it (shortest exact form, valid JSON); null when absent or not finite. */
    public JsonLineWriter field(String name, Double value) { return name(name).value(value); }

    public JsonLineWriter field(Name name, Double value) { return name(name).value(value); }

    public JsonLineWriter field(String name, Long value) { return name(name).value(value); }

    public JsonLineWriter field(Name name, Long value) { return name(name).value(value); }

    /** An instant in UTC with all nine fraction digits: {@code 2026-11-26T21:33:39.028484000Z}; {@link Instant#parse} reads it back. */
    public JsonLineWriter field(String name, Instant t) { return name(name).value(t); }

    public JsonLineWriter field(Name name, Instant t) { return name(name).value(t); }

    /**
     * A field name encoded once (quoted, escaped, followed by the colon): for the names written on every
     * line, which are then copied rather than escaped character by character (a third of a usage row's
     * encoding time went to its names).
     */
    public static final class Name {
        private final byte[] encoded;

        private Name(byte[] encoded) { this.encoded = encoded; }

        public static Name of(String name) {
            JsonLineWriter w = new JsonLineWriter(name.length() + 8);
            w.string(name);
            w.put((byte) ':');
            return new Name(w.toByteArray());
        }
    }

    private JsonLineWriter value(String value) {
        if (value == null) raw(NULL);
        else string(value);
        needComma = true;
        return this;
    }

    private JsonLineWriter value(long value) {
        number(value);
        needComma = true;
        return this;
    }

    private JsonLineWriter value(boolean value) {
        raw(value ? TRUE : FALSE);
        needComma = true;
        return this;
    }

    private JsonLineWriter value(Double value) {
        if (value == null || !Double.isFinite(value)) raw(NULL);
        else ascii(Double.toString(value));
        needComma = true;
        return this;
    }

    private JsonLineWriter value(Long value) {
        if (value == null) {
            raw(NULL);
            needComma = true;
            return this;
        }
        return value(value.longValue());
    }

    private JsonLineWriter value(Instant t) {
        ensure(IsoInstant.length(9) + 2);
        buf[len++] = '"';
        int end = IsoInstant.write(buf, len, t, 9);
        if (end < 0) ascii(t.toString()); // outside four-digit years: the JDK's own form
        else len = end;
        buf[len++] = '"';
        needComma = true;
        return this;
    }

    private JsonLineWriter open(char c) {
        if (needComma) put((byte) ',');
        put((byte) c);
        needComma = false;
        return this;
    }

    private JsonLineWriter close(char c) {
        put((byte) c);
        needComma = true;
        return this;
    }

    private JsonLineWriter name(Name name) {
        if (needComma) put((byte) ',');
        raw(name.encoded);
        needComma = false;
        return this;
    }

    private JsonLineWriter name(String name) {
        if (needComma) put((byte) ',');
        string(name);
        put((byte) ':');
        needComma = false;
        return this;
    }

    private void string(String s) {
        int n = s.length();
        ensure(n + 2); // a byte per char: what plain ASCII takes; an escape makes room for itself
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        int i = 0;
        for (; i < n; i++) { // plain ASCII, the common case, in a tight loop over locals
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
            b[at++] = (byte) c;
        }
        len = at;
        if (i < n) rest(s, i);
        buf[len++] = '"';
    }

    /** From {@code i} on: escapes and characters outside ASCII. */
    private void rest(String s, int i) {
        int n = s.length();
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
            } else {
                escaped(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
            ensure(n - i + 1); // again a byte for each char left, and the closing quote
        }
    }

    private void escaped(char c) {
        ensure(6);
        if (c == '"' || c == '\\') {
            buf[len++] = '\\';
            buf[len++] = (byte) c;
        } else if (c == '\n') {
            buf[len++] = '\\';
            buf[len++] = 'n';
        } else if (c < 0x20) {
            buf[len++] = '\\';
            buf[len++] = 'u';
            buf[len++] = HEX[c >> 12 & 0xF];
            buf[len++] = HEX[c >> 8 & 0xF];
            buf[len++] = HEX[c >> 4 & 0xF];
            buf[len++] = HEX[c & 0xF];
        } else if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | c >> 6);
            buf[len++] = (byte) (0x80 | c & 0x3F);
        } else {
            buf[len++] = (byte) (0xE0 | c >> 12);
            buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void number(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) { // the digits came out backwards
            byte b = buf[i];
            buf[i] = buf[j];
            buf[j] = b;
        }
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) buf[len++] = (byte) s.charAt(i);
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(byte b) {
        if (len == buf.length) ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
