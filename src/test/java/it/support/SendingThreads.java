package it.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Records the name of the thread each request to AIsa is sent from. Registered on the module's Rest
 * Client through the standard {@code aisa/mp-rest/providers} key ({@link #CONFIG}).
 */
public class SendingThreads implements ClientRequestFilter {

    /** The configuration line that registers this filter. */
    public static final String CONFIG = "aisa/mp-rest/providers=" + SendingThreads.class.getName();

    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ClientRequestContext request) {
        SEEN.add(Thread.currentThread().getName());
    }
}
