package one.aisa.xlink.internal;

import java.util.concurrent.CompletionException;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MisconfiguredLinkerTest {

    private static final String PROBLEMS =
            "AISAX001: aisa-x-link is not configured: aisa.accounts.broken.api-key is not set";

    private final MisconfiguredLinker linker =
            new MisconfiguredLinker("broken", new XLinkConfigException(PROBLEMS));

    @Test
    void aBlockingRequestThrowsTheProblems() {
        assertThatThrownBy(() -> linker.requestLink(XLinkRequest.defaults()))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessage(PROBLEMS);
    }

    @Test
    void anAsynchronousRequestFailsItsStageWithTheProblemsInsteadOfThrowing() {
        var stage = linker.requestLinkAsync(XLinkRequest.defaults()).toCompletableFuture();

        assertThat(stage).isCompletedExceptionally();
        assertThatThrownBy(stage::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(XLinkConfigException.class)
                .hasMessage(PROBLEMS);
    }

    @Test
    void anAsynchronousRequestWithoutARequestThrowsAtOnce() {
        assertThatThrownBy(() -> linker.requestLinkAsync(null))
                .isInstanceOf(NullPointerException.class);
    }
}
