package one.aisa.xlink.internal.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import one.aisa.xlink.XScope;

/**
 * One account's settings.
 *
 * @param name the account name
 * @param apiKey the AIsa API key; secret, never printed
 * @param defaultScopes the scopes of {@code requestLink()}, in request order
 */
public record AccountSettings(String name, String apiKey, Set<XScope> defaultScopes) {

    public AccountSettings {
        defaultScopes = Collections.unmodifiableSet(new LinkedHashSet<>(defaultScopes));
    }

    /** Leaves the API key out. */
    @Override
    public String toString() {
        return "AccountSettings[name=" + name + ", defaultScopes=" + defaultScopes + "]";
    }
}
