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
 * What the application receives for an account: one object shared by every injection point and
 * lookup, which a session-scoped bean may hold and which survives serialization with a session.
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
                SessionLinks.class);
    }

    @Inject XAccountLinker linker;

    @Inject
    @XAccount("brand")
    XAccountLinker brand;

    @Inject @Any Instance<XAccountLinker> linkers;

    @Inject SessionLinks session;

    @Test
    void everyInjectionPointAndLookupOfAnAccountGetsTheSameLinker() {
        XAccountLinker looked = linkers.select(XAccount.Literal.of(XAccount.DEFAULT)).get();
        XAccountLinker again = linkers.select(XAccount.Literal.of(XAccount.DEFAULT)).get();

        assertThat(looked).isSameAs(linker).isSameAs(again).isSameAs(session.linker());
        assertThat(linkers.select(XAccount.Literal.of("brand")).get()).isSameAs(brand);
        assertThat(brand).isNotSameAs(linker);
        assertThat(brand.account()).isEqualTo("brand");
    }

    @Test
    void aLinkerReadBackFromASerializedSessionIsTheApplicationsLinkerAndWorks() throws Exception {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("beans-", "10 minutes"));

        XAccountLinker read = (XAccountLinker) readBack(written(brand));

        assertThat(read).isSameAs(brand);
        XLink link = read.requestLink();
        assertThat(link.account()).isEqualTo("brand");
        assertThat(brand.pending(link.state())).contains(link);
        assertThat(read.cancel(link.state())).isTrue();
    }

    @Test
    void theSerializedFormHoldsTheAccountOnly() throws Exception {
        StubAdmin.fromConfig().reset().answer(StubAdmin.freshLink("beans-", "10 minutes"));
        XLink link = linker.requestLink();
        try {
            byte[] bytes = written(linker);

            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(KEY).doesNotContain(link.state());
            assertThat(bytes.length).as("serialized size in bytes").isLessThan(400);
        } finally {
            linker.cancel(link.state());
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
