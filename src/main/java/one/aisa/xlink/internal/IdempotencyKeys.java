package one.aisa.xlink.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The {@code Idempotency-Key} every attempt of one request for a link sends. */
public final class IdempotencyKeys {

    private IdempotencyKeys() {}

    /**
     * A random (version 4) UUID. It identifies the request to AIsa and guards nothing, so it comes
     * from the thread's own generator rather than {@link UUID#randomUUID()}, whose shared secure
     * generator is a lock every concurrent request would queue on.
     */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
