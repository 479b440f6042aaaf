package one.aisa.xlink;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Selects the AIsa account a linker works for, and the account an event belongs to.
 *
 * <pre>{@code
 * @Inject @XAccount("marketing") XAccountLinker marketing;  // aisa.accounts.marketing.*
 * @Inject XAccountLinker linker;                            // the account "default"
 *
 * void onExpired(@Observes @XAccount("marketing") XLinkExpired event) { ... }
 * }</pre>
 *
 * <p>Account names match {@code [a-z0-9-]+}. The unqualified linker is the account {@code default},
 * which reads {@code aisa.api-key} and {@code aisa.x.default-scopes}; it is also injectable as
 * {@code @XAccount("default")}.
 *
 * @since 0.1
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface XAccount {

    /** The name of the default account. */
    String DEFAULT = "default";

    /**
     * The account name.
     *
     * @return a name matching {@code [a-z0-9-]+}
     */
    String value() default DEFAULT;

    /**
     * An instance of {@link XAccount} for programmatic lookup and event selection.
     *
     * <pre>{@code
     * XAccountLinker linker = CDI.current().select(XAccountLinker.class, XAccount.Literal.of("sales")).get();
     * }</pre>
     *
     * @since 0.1
     */
    final class Literal extends AnnotationLiteral<XAccount> implements XAccount {

        private static final long serialVersionUID = 1L;
        private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * Returns the qualifier for the named account.
         *
         * @param name the account name, matching {@code [a-z0-9-]+}, at most 64 characters
         * @return the qualifier
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is not a valid account name
         */
        public static Literal of(String name) {
            Objects.requireNonNull(name, "account name must not be null");
            if (!isValidName(name)) {
                throw new IllegalArgumentException(
                        "Invalid X account name \""
                                + name
                                + "\": expected [a-z0-9-]+, at most 64 characters");
            }
            return new Literal(name);
        }

        /**
         * Tells whether a string is a valid account name.
         *
         * @param name the candidate
         * @return true if it matches {@code [a-z0-9-]+} and is at most 64 characters long
         */
        public static boolean isValidName(String name) {
            return name != null && name.length() <= 64 && NAME.matcher(name).matches();
        }

        @Override
        public String value() {
            return value;
        }
    }
}
