package dev.junction.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reading a JSON string's escaped UTF-8 content (already validated by a JSON parser) without a
 * parser: its characters, its length and whether it can be blank. Plain runs, the bulk of any prompt,
 * go eight bytes at a time or through the JDK's UTF-8 decoder.
 */
final class JsonEscapes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long BACKSLASHES = '\\' * ONES;

    private JsonEscapes() {}

    static String decode(byte[] b, int from, int to) {
        int escape = indexOfBackslash(b, from, to);
        if (escape == to) return new String(b, from, to - from, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(to - from);
        int run = from; // start of the plain bytes not yet decoded
        while (escape < to) {
            if (escape > run) out.append(new String(b, run, escape - run, StandardCharsets.UTF_8));
            byte kind = b[escape + 1];
            if (kind == 'u') {
                out.append((char) Integer.parseInt(new String(b, escape + 2, 4, StandardCharsets.US_ASCII), 16));
                run = escape + 6;
            } else {
                out.append(switch (kind) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> (char) kind; // '"', '\\' and '/' stand for themselves
                });
                run = escape + 2;
            }
            escape = indexOfBackslash(b, run, to);
        }
        if (run < to) out.append(new String(b, run, to - run, StandardCharsets.UTF_8));
        return out.toString();
    }

    /**
     * The number of UTF-16 units the content decodes to: one per character of up to three UTF-8 bytes,
     * two per 4-byte sequence, one per escape. Eight bytes at a time where there is no escape, whatever
     * their script: a byte adds one unless it continues a sequence (10xxxxxx), and one more if it leads
     * four bytes (11110xxx).
     */
    static int utf16Length(byte[] b, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            if (i + 8 <= to) {
                long w = (long) LONGS.get(b, i);
                long backslash = w ^ BACKSLASHES;
                if (((backslash - ONES) & ~backslash & HIGHS) == 0) { // no escape starts in these eight bytes
                    if ((w & HIGHS) == 0) {
                        n += 8; // ASCII
                    } else {
                        long continuation = w & ~(w << 1) & HIGHS;
                        long leadsFour = w & (w << 1) & (w << 2) & (w << 3) & ~(w << 4) & HIGHS;
                        n += 8 - Long.bitCount(continuation) + Long.bitCount(leadsFour);
                    }
                    i += 8;
                    continue;
                }
            }
            byte x = b[i];
            if (x == '\\') {
                n++;
                i += b[i + 1] == 'u' ? 6 : 2;
            } else {
                if ((x & 0xC0) != 0x80) n += (x & 0xF8) == 0xF0 ? 2 : 1; // continuation bytes add nothing
                i++;
            }
        }
        return n;
    }

    /**
     * False when the content surely holds a character that is not whitespace: a printable ASCII byte
     * before any escape (which may be an escaped newline). Answers from the first byte of almost any prompt.
     */
    static boolean mayBeBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte x = b[i];
            if (x == '\\') return true; // an escape: decoding tells
            if (x > ' ') return false; // bytes of 0x80 and up are negative: some are whitespace (U+3000)
        }
        return true;
    }

    private static int indexOfBackslash(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long backslash = (long) LONGS.get(b, i) ^ BACKSLASHES;
            if (((backslash - ONES) & ~backslash & HIGHS) != 0) break;
        }
        for (; i < to; i++) if (b[i] == '\\') return i;
        return to;
    }
}
