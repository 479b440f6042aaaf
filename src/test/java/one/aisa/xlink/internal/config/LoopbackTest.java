package one.aisa.xlink.internal.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "127.255.255.255",
                "localhost",
                "LocalHost",
                "[::1]",
                "::1",
                "[0:0:0:0:0:0:0:1]"
            })
    void loopbackSpellingsAreRecognised(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "128.0.0.1",
                "127.0.0.256",
                "127.0.0",
                "127.0.0.1.evil.io",
                "localhost.evil.io",
                "evil-localhost",
                "[::2]",
                "0.0.0.0",
                "255.255.255.255"
            })
    void otherHostsAreNotLoopback(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isFalse();
    }
}
