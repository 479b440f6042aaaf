package one.aisa.xlink.demo;

import java.util.List;

/**
 * What the page needs to know before the person requests a link.
 *
 * @param mode {@code sandbox} or {@code real}
 * @param reason why the demo chose that mode
 * @param target where link requests go, such as {@code https://api.aisa.one/apis/v1}
 * @param account the account the injected linker works for
 * @param scopes the scopes the person can pick, AIsa's defaults first
 */
public record DemoStatus(
        String mode, String reason, String target, String account, List<ScopeOption> scopes) {

    /**
     * A scope the person can pick.
     *
     * @param name the scope name, such as {@code tweet.read}
     * @param byDefault whether AIsa requests it when no scopes are given
     */
    public record ScopeOption(String name, boolean byDefault) {}
}
