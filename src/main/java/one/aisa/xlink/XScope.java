package one.aisa.xlink;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An X OAuth 2.0 scope, such as {@code tweet.read}.
 *
 * <p>Constants cover AIsa's seven default scopes and X's other published scopes. {@link
 * #of(String)} accepts any well-formed name, so a scope X adds later needs no new release of this
 * module. Instances are immutable, compare by name, and print as their name.
 *
 * @since 0.1
 */
public final class XScope {

    private static final Pattern WELL_FORMED =
            Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+");
    private static final int MAX_LENGTH = 64;

    /** Follow and unfollow users; one of AIsa's defaults. */
    public static final XScope FOLLOWS_WRITE = new XScope("follows.write");

    /** Read posts; needed by most writes; one of AIsa's defaults. */
    public static final XScope TWEET_READ = new XScope("tweet.read");

    /** Read user profiles; one of AIsa's defaults. */
    public static final XScope USERS_READ = new XScope("users.read");

    /** Post, reply and quote; one of AIsa's defaults. */
    public static final XScope TWEET_WRITE = new XScope("tweet.write");

    /** Like and unlike posts; one of AIsa's defaults. */
    public static final XScope LIKE_WRITE = new XScope("like.write");

    /** Read direct messages; one of AIsa's defaults. */
    public static final XScope DM_READ = new XScope("dm.read");

    /** Send direct messages; one of AIsa's defaults. */
    public static final XScope DM_WRITE = new XScope("dm.write");

    /** Keep access after the first token expires (refresh tokens). */
    public static final XScope OFFLINE_ACCESS = new XScope("offline.access");

    /** Upload media; AIsa's {@code upload_media} needs it, and it is not a default. */
    public static final XScope MEDIA_WRITE = new XScope("media.write");

    /** Read who the user follows. */
    public static final XScope FOLLOWS_READ = new XScope("follows.read");

    /** Read liked posts. */
    public static final XScope LIKE_READ = new XScope("like.read");

    /** Read lists. */
    public static final XScope LIST_READ = new XScope("list.read");

    /** Create and manage lists. */
    public static final XScope LIST_WRITE = new XScope("list.write");

    /** Read blocked users. */
    public static final XScope BLOCK_READ = new XScope("block.read");

    /** Block and unblock users. */
    public static final XScope BLOCK_WRITE = new XScope("block.write");

    /** Read muted users. */
    public static final XScope MUTE_READ = new XScope("mute.read");

    /** Mute and unmute users. */
    public static final XScope MUTE_WRITE = new XScope("mute.write");

    /** Read bookmarks. */
    public static final XScope BOOKMARK_READ = new XScope("bookmark.read");

    /** Add and remove bookmarks. */
    public static final XScope BOOKMARK_WRITE = new XScope("bookmark.write");

    /** Read Spaces. */
    public static final XScope SPACE_READ = new XScope("space.read");

    /** Hide and unhide replies. */
    public static final XScope TWEET_MODERATE_WRITE = new XScope("tweet.moderate.write");

    private static final Set<XScope> DEFAULTS =
            Collections.unmodifiableSet(
                    new LinkedHashSet<>(
                            List.of(
                                    FOLLOWS_WRITE,
                                    TWEET_READ,
                                    USERS_READ,
                                    TWEET_WRITE,
                                    LIKE_WRITE,
                                    DM_READ,
                                    DM_WRITE)));

    private static final Map<String, XScope> KNOWN =
            byName(
                    DEFAULTS,
                    OFFLINE_ACCESS,
                    MEDIA_WRITE,
                    FOLLOWS_READ,
                    LIKE_READ,
                    LIST_READ,
                    LIST_WRITE,
                    BLOCK_READ,
                    BLOCK_WRITE,
                    MUTE_READ,
                    MUTE_WRITE,
                    BOOKMARK_READ,
                    BOOKMARK_WRITE,
                    SPACE_READ,
                    TWEET_MODERATE_WRITE);

    private final String name;

    /**
     * Indexes AIsa's defaults and the other scopes by name. Plain loops rather than a stream, which
     * would spin up lambdas while the module starts.
     */
    private static Map<String, XScope> byName(Set<XScope> defaults, XScope... others) {
        Map<String, XScope> byName = new HashMap<>();
        for (XScope scope : defaults) {
            byName.put(scope.name, scope);
        }
        for (XScope scope : others) {
            byName.put(scope.name, scope);
        }
        return Map.copyOf(byName);
    }

    private XScope(String name) {
        this.name = name;
    }

    /**
     * Returns the scope with this name.
     *
     * <p>A well-formed name is lower case, made of at least two words separated by dots, each word
     * starting with a letter, at most 64 characters: {@code "tweet.read"} and {@code
     * "tweet.moderate.write"} are accepted; {@code "Tweet.Read"}, {@code "tweet read"} and {@code
     * "tweet"} are not.
     *
     * @param name the scope name as X spells it
     * @return the scope; one of the constants when the name is known
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is not well formed; the message quotes it
     */
    public static XScope of(String name) {
        Objects.requireNonNull(name, "scope name must not be null");
        XScope known = KNOWN.get(name);
        if (known != null) {
            return known;
        }
        if (name.length() > MAX_LENGTH || !WELL_FORMED.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Malformed X scope name \""
                            + abbreviate(name)
                            + "\": expected lower-case words separated by dots, such as"
                            + " \"tweet.read\"");
        }
        return new XScope(name);
    }

    /**
     * Returns AIsa's seven default scopes, in AIsa's order: {@code follows.write}, {@code
     * tweet.read}, {@code users.read}, {@code tweet.write}, {@code like.write}, {@code dm.read},
     * {@code dm.write}.
     *
     * @return an unmodifiable, ordered set
     */
    public static Set<XScope> defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the scope name as X spells it.
     *
     * @return the name, such as {@code "tweet.read"}
     */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XScope scope && scope.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Returns the scope name. */
    @Override
    public String toString() {
        return name;
    }

    private static String abbreviate(String value) {
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH) + "...";
    }
}
