package one.aisa.xlink.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XLinkRequest;

/**
 * Stands for an account whose configuration is bad and that nobody injected (injected ones fail the
 * deployment instead): every use throws the configuration problems, except {@link
 * #requestLinkAsync}, whose stage fails with them as the interface promises.
 */
final class MisconfiguredLinker implements XAccountLinker {

    private final String account;
    private final XLinkConfigException problems;

    MisconfiguredLinker(String account, XLinkConfigException problems) {
        this.account = account;
        this.problems = problems;
    }

    @Override
    public XLink requestLink(XLinkRequest request) {
        throw fresh();
    }

    @Override
    public CompletionStage<XLink> requestLinkAsync(XLinkRequest request) {
        Objects.requireNonNull(request, "request");
        return CompletableFuture.failedFuture(fresh());
    }

    @Override
    public Optional<XLink> pending(String state) {
        throw fresh();
    }

    @Override
    public List<XLink> pendingLinks() {
        throw fresh();
    }

    @Override
    public boolean markLinked(String state) {
        throw fresh();
    }

    @Override
    public boolean cancel(String state) {
        throw fresh();
    }

    @Override
    public String account() {
        return account;
    }

    /** A new exception per use, so each carries the caller's stack. */
    private XLinkConfigException fresh() {
        return new XLinkConfigException(problems.getMessage());
    }
}
