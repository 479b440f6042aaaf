package one.aisa.xlink.internal.cdi;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.inject.spi.CDI;

import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRequest;

/**
 * What the application receives for an account's linker: it builds the linker on its first call and
 * hands every call to it.
 *
 * <p>It takes the place of the client proxy Weld would generate for a normal-scoped bean: the
 * linker beans are singletons, so the application gets this object itself, and generating a proxy
 * class at deployment cost more start-up time than anything else the bean needed. Like that proxy,
 * it creates nothing until it is called, and it serializes (with a session, say) as the account's
 * name alone, read back as the application's linker of that account.
 */
final class LinkerHandle implements XAccountLinker, Serializable {

    @Serial private static final long serialVersionUID = 1L;

    private final String account;
    private final transient XLinkExtension extension;
    private transient volatile XAccountLinker linker;

    LinkerHandle(String account, XLinkExtension extension) {
        this.account = account;
        this.extension = extension;
    }

    @Override
    public XLink requestLink(XLinkRequest request) {
        return linker().requestLink(request);
    }

    @Override
    public CompletionStage<XLink> requestLinkAsync(XLinkRequest request) {
        return linker().requestLinkAsync(request);
    }

    @Override
    public Optional<XLink> pending(String state) {
        return linker().pending(state);
    }

    @Override
    public List<XLink> pendingLinks() {
        return linker().pendingLinks();
    }

    @Override
    public boolean markLinked(String state) {
        return linker().markLinked(state);
    }

    @Override
    public boolean cancel(String state) {
        return linker().cancel(state);
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public String toString() {
        return "aisa-x-link linker of account \"" + account + "\"";
    }

    private XAccountLinker linker() {
        XAccountLinker built = linker;
        if (built == null) {
            synchronized (this) {
                built = linker;
                if (built == null) {
                    built = extension.linker(account);
                    linker = built;
                }
            }
        }
        return built;
    }

    @Serial
    private Object writeReplace() {
        return new Serialized(account);
    }

    /** The serialized form: the account, looked up again in the application that reads it. */
    private record Serialized(String account) implements Serializable {

        @Serial
        private Object readResolve() {
            return CDI.current().select(XAccountLinker.class, XAccount.Literal.of(account)).get();
        }
    }
}
