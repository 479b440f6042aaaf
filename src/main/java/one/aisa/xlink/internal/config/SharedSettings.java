package one.aisa.xlink.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings every account shares.
 *
 * @param baseUrl AIsa's API root, without a trailing slash
 * @param linkLifetime how long a link lives when AIsa sends no {@code expires_at}
 * @param authHosts lower-case hosts an {@code auth_url} may point at, exactly or as a subdomain
 * @param call deadlines, retries and size limits of calls to AIsa
 * @param transport proxy, trust and key stores, hostname verifier and providers of the Rest Client
 */
public record SharedSettings(
        URI baseUrl,
        Duration linkLifetime,
        List<String> authHosts,
        CallPolicy call,
        TransportSettings transport) {

    public SharedSettings {
        authHosts = List.copyOf(authHosts);
    }
}
