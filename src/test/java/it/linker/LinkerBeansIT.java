package it.linker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import it.support.Deployments;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application receives for an account: one linker shared by every injection point and
 * lookup, which a session-scoped bean may keep and which survives the serialization of the state
 * that holds it.
 */
@ExtendWith(ArquillianExtension.class)
public class LinkerBeansIT {

    static final String KEY = "sk-aisa-TESTKEY-beans-0031";

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "linker-beans",
                Stub.config()
                        + "aisa.api-key="
                        + KEY
                        + "\naisa.accounts.brand.api-key="
                        + KEY
                        + "-brand\n",
                LinkerBeansIT.class,
                SessionLinks.class,
                LinkHolder.class);
    }

    @Inject XAccountLinker linker;

    @Inject @Any Instance<XAccountLinker> linkers;

    @Inject SessionLinks session;

    @Inject LinkHolder holder;

    @Test
    void aLinkRequestedThroughOneInjectionPointIsPendingThroughEveryOther() {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("beans-", "10 minutes"));
        XAccountLinker looked = linkers.select(XAccount.Literal.of(XAccount.DEFAULT)).get();

        XLink link = linker.requestLink();
        try {
            assertThat(looked.pending(link.state())).contains(link);
            assertThat(holder.linker.pending(link.state())).contains(link);
            assertThat(holder.brand.pending(link.state())).isEmpty();
            assertThat(session.account()).isEqualTo(XAccount.DEFAULT);
            assertThat(holder.brand.account()).isEqualTo("brand");
        } finally {
            linker.cancel(link.state());
        }
    }

    @Test
    void linkersReadBackWithTheStateThatHeldThemAreTheApplicationsAndWork() throws Exception {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("beans-", "10 minutes"));

        LinkHolder read = (LinkHolder) readBack(written(holder));

        assertThat(read).isNotSameAs(holder);
        assertThat(read.brand.account()).isEqualTo("brand");
        XLink link = read.brand.requestLink();
        try {
            assertThat(link.account()).isEqualTo("brand");
            assertThat(holder.brand.pending(link.state())).contains(link);
            assertThat(read.linker.pending(link.state())).isEmpty();
        } finally {
            assertThat(read.brand.cancel(link.state())).isTrue();
        }
    }

    private static byte[] written(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object readBack(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
