package one.aisa.xlink;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to ask for when requesting a link: the scopes, and who the link is for.
 *
 * <pre>{@code
 * XLinkRequest request = XLinkRequest.builder()
 *         .scopes(XScope.TWEET_READ, XScope.TWEET_WRITE, XScope.USERS_READ)
 *         .subject(user.id())
 *         .attribute("tenant", tenant.name())
 *         .build();
 * }</pre>
 *
 * <p>The {@code subject} and {@code attributes} are the application's own data: the module never
 * sends them to AIsa, and hands them back on the {@link XLink} and every event about it. Instances
 * are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class XLinkRequest {

    /** Longest accepted subject, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 256;

    /** Most scopes one request may ask for; X defines about twenty. */
    public static final int MAX_SCOPES = 64;

    /** Most attributes one request may carry. */
    public static final int MAX_ATTRIBUTES = 32;

    /** Longest accepted attribute key or value, in characters. */
    public static final int MAX_ATTRIBUTE_LENGTH = 1024;

    private static final XLinkRequest DEFAULTS = new Builder().build();

    private final Set<XScope> scopes;
    private final String subject;
    private final Map<String, String> attributes;

    private XLinkRequest(Builder builder) {
        this.scopes =
                builder.scopes == null
                        ? null
                        : Collections.unmodifiableSet(new LinkedHashSet<>(builder.scopes));
        this.subject = builder.subject;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    }

    /**
     * Returns a new builder with no scopes set (meaning the account's default scopes), no subject
     * and no attributes.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the request for the account's default scopes, without subject or attributes.
     *
     * @return the shared default request
     */
    public static XLinkRequest defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a request for exactly these scopes, without subject or attributes.
     *
     * @param scopes the scopes, in the order they should be requested; not empty
     * @return the request
     * @throws NullPointerException if {@code scopes} or one of its elements is null
     * @throws IllegalArgumentException if {@code scopes} is empty
     */
    public static XLinkRequest ofScopes(Set<XScope> scopes) {
        return builder().scopes(scopes).build();
    }

    /**
     * Returns the requested scopes in request order, or empty when the account's default scopes
     * apply.
     *
     * @return the scopes, unmodifiable
     */
    public Optional<Set<XScope>> scopes() {
        return Optional.ofNullable(scopes);
    }

    /**
     * Returns who the link is for, as the application named it.
     *
     * @return the subject, or empty if none was given
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the application's attributes, in insertion order.
     *
     * @return an unmodifiable map, empty if none were given
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XLinkRequest that
                && Objects.equals(scopes, that.scopes)
                && Objects.equals(subject, that.subject)
                && attributes.equals(that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scopes, subject, attributes);
    }

    @Override
    public String toString() {
        return "XLinkRequest[scopes="
                + (scopes == null ? "<account default>" : scopes)
                + ", subject="
                + subject
                + ", attributes="
                + attributes.keySet()
                + "]";
    }

    /**
     * Builds an {@link XLinkRequest}. Each setter replaces what an earlier call set, except {@link
     * #attribute(String, String)}, which adds. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Set<XScope> scopes;
        private String subject;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the scopes to request, replacing any set before.
         *
         * @param scopes the scopes, in request order; not empty
         * @return this builder
         * @throws NullPointerException if {@code scopes} or one of its elements is null
         * @throws IllegalArgumentException if {@code scopes} is empty or holds more than {@value
         *     XLinkRequest#MAX_SCOPES} scopes
         */
        public Builder scopes(Collection<XScope> scopes) {
            Objects.requireNonNull(scopes, "scopes must not be null");
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException(
                        "scopes must not be empty: leave them unset to request the account's"
                                + " default scopes");
            }
            Set<XScope> copy = new LinkedHashSet<>();
            for (XScope scope : scopes) {
                copy.add(Objects.requireNonNull(scope, "scopes must not contain null"));
            }
            if (copy.size() > MAX_SCOPES) {
                throw new IllegalArgumentException(
                        copy.size() + " scopes requested; the limit is " + MAX_SCOPES);
            }
            this.scopes = copy;
            return this;
        }

        /**
         * Sets the scopes to request, replacing any set before.
         *
         * @param scopes the scopes, in request order; at least one
         * @return this builder
         * @throws NullPointerException if an element is null
         * @throws IllegalArgumentException if no scope is given
         */
        public Builder scopes(XScope... scopes) {
            Objects.requireNonNull(scopes, "scopes must not be null");
            return scopes(java.util.Arrays.asList(scopes));
        }

        /**
         * Requests the account's default scopes, forgetting scopes set before.
         *
         * @return this builder
         */
        public Builder defaultScopes() {
            this.scopes = null;
            return this;
        }

        /**
         * Sets who the link is for, such as the application's user id.
         *
         * @param subject not blank, at most {@value XLinkRequest#MAX_SUBJECT_LENGTH} characters
         * @return this builder
         * @throws NullPointerException if {@code subject} is null
         * @throws IllegalArgumentException if {@code subject} is blank, too long, or holds control
         *     or formatting characters (such as NUL or a bidirectional override)
         */
        public Builder subject(String subject) {
            Objects.requireNonNull(subject, "subject must not be null");
            if (subject.isBlank()) {
                throw new IllegalArgumentException("subject must not be blank");
            }
            if (subject.codePoints()
                    .anyMatch(
                            c ->
                                    Character.isISOControl(c)
                                            || Character.getType(c) == Character.FORMAT)) {
                throw new IllegalArgumentException(
                        "subject must not contain control or formatting characters");
            }
            if (subject.length() > MAX_SUBJECT_LENGTH) {
                throw new IllegalArgumentException(
                        "subject is "
                                + subject.length()
                                + " characters long; the limit is "
                                + MAX_SUBJECT_LENGTH);
            }
            this.subject = subject;
            return this;
        }

        /**
         * Adds an attribute, replacing an earlier value under the same key.
         *
         * @param key not blank, at most {@value XLinkRequest#MAX_ATTRIBUTE_LENGTH} characters
         * @param value at most {@value XLinkRequest#MAX_ATTRIBUTE_LENGTH} characters
         * @return this builder
         * @throws NullPointerException if {@code key} or {@code value} is null
         * @throws IllegalArgumentException if the key is blank, either is too long, or the request
         *     would hold more than {@value XLinkRequest#MAX_ATTRIBUTES} attributes
         */
        public Builder attribute(String key, String value) {
            Objects.requireNonNull(key, "attribute key must not be null");
            Objects.requireNonNull(
                    value, () -> "value of attribute \"" + key + "\" must not be null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("attribute key must not be blank");
            }
            if (key.length() > MAX_ATTRIBUTE_LENGTH || value.length() > MAX_ATTRIBUTE_LENGTH) {
                throw new IllegalArgumentException(
                        "attribute \""
                                + key.substring(0, Math.min(key.length(), 64))
                                + "\" is too long: keys and values are limited to "
                                + MAX_ATTRIBUTE_LENGTH
                                + " characters");
            }
            if (!attributes.containsKey(key) && attributes.size() == MAX_ATTRIBUTES) {
                throw new IllegalArgumentException(
                        "too many attributes: the limit is " + MAX_ATTRIBUTES);
            }
            attributes.put(key, value);
            return this;
        }

        /**
         * Adds every entry of {@code attributes}, as {@link #attribute(String, String)} would.
         *
         * @param attributes the entries to add
         * @return this builder
         * @throws NullPointerException if {@code attributes}, a key or a value is null
         * @throws IllegalArgumentException as {@link #attribute(String, String)}
         */
        public Builder attributes(Map<String, String> attributes) {
            Objects.requireNonNull(attributes, "attributes must not be null");
            attributes.forEach(this::attribute);
            return this;
        }

        /**
         * Returns the request.
         *
         * @return an immutable request
         */
        public XLinkRequest build() {
            return new XLinkRequest(this);
        }
    }
}
