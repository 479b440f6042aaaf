package one.aisa.xlink.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import one.aisa.xlink.XLinkConfigException;

/**
 * The module's settings, each read once and remembered, with the problems found while reading.
 * Thread-safe.
 */
public final class Configuration {

    private final SettingsReader reader;
    private final Map<String, Outcome<AccountSettings>> accounts = new ConcurrentHashMap<>();
    private volatile Outcome<SharedSettings> shared;
    private volatile Outcome<RegistrySettings> registry;

    /**
     * @param source looks a key up; MicroProfile Config's {@code getOptionalValue} in production
     */
    public Configuration(Function<String, Optional<String>> source) {
        this.reader = new SettingsReader(source);
    }

    /** Returns the shared settings, or throws listing every problem with them. */
    public SharedSettings shared() {
        Outcome<SharedSettings> outcome = sharedOutcome();
        if (!outcome.problems().isEmpty()) {
            throw failure(outcome.problems());
        }
        return outcome.value();
    }

    /** Returns where pending links are kept, or throws listing every problem with it. */
    public RegistrySettings registry() {
        Outcome<RegistrySettings> outcome = registryOutcome();
        if (!outcome.problems().isEmpty()) {
            throw failure(outcome.problems());
        }
        return outcome.value();
    }

    /** Returns an account's settings, or throws listing every problem with them and the shared. */
    public AccountSettings account(String name) {
        List<String> problems = problems(List.of(name));
        if (!problems.isEmpty()) {
            throw failure(problems);
        }
        return accountOutcome(name).value();
    }

    /** Returns every problem of the shared settings and of these accounts, in a stable order. */
    public List<String> problems(Collection<String> names) {
        List<String> problems = new ArrayList<>(sharedOutcome().problems());
        problems.addAll(registryOutcome().problems());
        for (String name : names) {
            problems.addAll(accountOutcome(name).problems());
        }
        return problems;
    }

    /** Builds the exception that lists the problems, in the shape the README documents. */
    public static XLinkConfigException failure(List<String> problems) {
        StringBuilder message =
                new StringBuilder("AISAX001: aisa-x-link is not configured correctly (")
                        .append(problems.size())
                        .append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return new XLinkConfigException(message.toString());
    }

    private Outcome<SharedSettings> sharedOutcome() {
        Outcome<SharedSettings> outcome = shared;
        if (outcome == null) {
            List<String> problems = new ArrayList<>();
            SharedSettings value = reader.shared(problems);
            outcome = new Outcome<>(value, List.copyOf(problems));
            shared = outcome;
        }
        return outcome;
    }

    private Outcome<RegistrySettings> registryOutcome() {
        Outcome<RegistrySettings> outcome = registry;
        if (outcome == null) {
            List<String> problems = new ArrayList<>();
            RegistrySettings value = reader.registry(problems);
            outcome = new Outcome<>(value, List.copyOf(problems));
            registry = outcome;
        }
        return outcome;
    }

    private Outcome<AccountSettings> accountOutcome(String name) {
        return accounts.computeIfAbsent(
                name,
                n -> {
                    List<String> problems = new ArrayList<>();
                    AccountSettings value = reader.account(n, problems);
                    return new Outcome<>(value, List.copyOf(problems));
                });
    }

    private record Outcome<T>(T value, List<String> problems) {}
}
