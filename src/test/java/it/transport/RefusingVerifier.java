package it.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;

/**
 * A hostname verifier named by {@code aisa/mp-rest/hostnameVerifier}: refuses every host and
 * remembers which it was asked about.
 */
public class RefusingVerifier implements HostnameVerifier {

    static final List<String> ASKED = new CopyOnWriteArrayList<>();

    @Override
    public boolean verify(String host, SSLSession session) {
        ASKED.add(host);
        return false;
    }
}
