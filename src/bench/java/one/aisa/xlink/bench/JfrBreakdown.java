package one.aisa.xlink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code jfr print --events jdk.ExecutionSample} output and says where the samples fell: each
 * sample goes to the innermost frame of the library ({@code one.aisa.xlink}, the benchmark's own
 * classes excluded), rolled up into a few areas, or to "no module frame" when the stack has none.
 */
final class JfrBreakdown {

    private final Map<String, Integer> byArea = new TreeMap<>();
    private final Map<String, Integer> byMethod = new TreeMap<>();
    private int total;

    static JfrBreakdown read(Path printed, String threadPrefix) throws IOException {
        JfrBreakdown breakdown = new JfrBreakdown();
        try (BufferedReader in = Files.newBufferedReader(printed)) {
            String thread = null;
            List<String> frames = null;
            String line;
            while ((line = in.readLine()) != null) {
                String trimmed = line.trim();
                if (trimmed.startsWith("jdk.ExecutionSample")) {
                    thread = null;
                    frames = null;
                } else if (trimmed.startsWith("sampledThread = ")) {
                    int open = trimmed.indexOf('"');
                    int close = trimmed.indexOf('"', open + 1);
                    thread = open >= 0 && close > open ? trimmed.substring(open + 1, close) : "";
                } else if (trimmed.equals("stackTrace = [")) {
                    frames = new ArrayList<>();
                } else if (frames != null && trimmed.equals("]")) {
                    breakdown.add(thread == null ? "" : thread, frames, threadPrefix);
                    frames = null;
                } else if (frames != null && !trimmed.equals("...")) {
                    int lineInfo = trimmed.indexOf(" line:");
                    String frame = lineInfo < 0 ? trimmed : trimmed.substring(0, lineInfo);
                    int paren = frame.indexOf('(');
                    frames.add(paren < 0 ? frame : frame.substring(0, paren));
                }
            }
        }
        return breakdown;
    }

    private void add(String thread, List<String> frames, String threadPrefix) {
        total++;
        String module = null;
        boolean uuid = false;
        for (String frame : frames) {
            if (frame.startsWith("java.util.UUID.randomUUID")) {
                uuid = true;
            }
            if (frame.startsWith("one.aisa.xlink.") && !frame.startsWith("one.aisa.xlink.bench.")) {
                module = frame.substring("one.aisa.xlink.".length());
                break;
            }
        }
        String area;
        if (module == null) {
            area =
                    thread.startsWith(threadPrefix)
                            ? "caller thread, no module frame (harness, Rest Client proxy)"
                            : "other threads, no module frame (Rest Client I/O, Liberty, JDK)";
        } else if (uuid) {
            area = "module: UUID idempotency key";
        } else {
            area = "module: " + area(module);
        }
        byArea.merge(area, 1, Integer::sum);
        if (module != null) {
            byMethod.merge(module, 1, Integer::sum);
        }
    }

    private static String area(String frame) {
        if (frame.startsWith("internal.response.")) {
            return "answer checks (JSON-P parse, auth_url, state, expiry)";
        }
        if (frame.startsWith("internal.client.RawReply")) {
            return "body read into bytes (RawReply.read)";
        }
        if (frame.startsWith("internal.client.AisaGateway")) {
            return "Rest Client call below AisaGateway (blocking invoke, request, response)";
        }
        if (frame.startsWith("internal.client.")) {
            return "client glue (Deadline, mapper)";
        }
        if (frame.startsWith("internal.events.")) {
            return "events (sync fire + fireAsync)";
        }
        if (frame.startsWith("internal.registry.")) {
            return "registry (register, announce, schedule, cancel)";
        }
        if (frame.startsWith("internal.retry.")) {
            return "retry runner (deadline timer, stage wiring)";
        }
        if (frame.startsWith("internal.AccountLinker.await")) {
            return "synchronous wait (CompletableFuture.get)";
        }
        if (frame.startsWith("internal.AccountLinker") || frame.startsWith("XLink.")) {
            return "linker (request setup, XLink)";
        }
        return "other library code (" + frame + ")";
    }

    int total() {
        return total;
    }

    /** Areas, most samples first. */
    Map<String, Integer> areas() {
        return sortedByCount(byArea);
    }

    /** Innermost library methods, most samples first. */
    Map<String, Integer> methods() {
        return sortedByCount(byMethod);
    }

    private static Map<String, Integer> sortedByCount(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
