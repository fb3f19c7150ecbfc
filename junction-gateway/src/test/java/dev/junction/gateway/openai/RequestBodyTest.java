package dev.junction.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** Hands out at most {@code step} bytes per read, as a socket does. */
    private static InputStream trickle(byte[] b, int step) {
        return new ByteArrayInputStream(b) {
            @Override public synchronized int read(byte[] out, int off, int len) { return super.read(out, off, Math.min(len, step)); }
        };
    }

    @Test
    void declaredLength_readsExactlyThatBody() throws Exception {
        assertThat(RequestBody.read(trickle(bytes(20_000), 1500), 20_000, 1 << 20)).hasSize(20_000);
        assertThat(RequestBody.read(trickle(new byte[0], 10), 0, 1 << 20)).isEmpty();
    }

    @Test
    void unknownLength_growsUntilTheEnd() throws Exception {
        assertThat(RequestBody.read(trickle(bytes(50_000), 3000), -1, 1 << 20)).hasSize(50_000);
    }

    @Test
    void overTheLimit_isRefusedWhetherDeclaredOrNot() {
        assertThatThrownBy(() -> RequestBody.read(trickle(bytes(10), 4), 2_000_000, 1 << 20)).isInstanceOf(RequestBody.TooLarge.class);
        assertThatThrownBy(() -> RequestBody.read(trickle(bytes(5000), 700), -1, 4096)).isInstanceOf(RequestBody.TooLarge.class);
    }

    @Test
    void exactlyTheLimitWithoutLength_isAccepted() throws Exception {
        assertThat(RequestBody.read(trickle(bytes(4096), 1000), -1, 4096)).hasSize(4096);
    }

    @Test
    void moreBytesThanDeclared_isAnError() {
        assertThatThrownBy(() -> RequestBody.read(trickle(bytes(100), 30), 60, 1 << 20)).isInstanceOf(java.io.IOException.class);
    }
}
