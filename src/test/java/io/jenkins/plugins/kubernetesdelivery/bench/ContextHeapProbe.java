package io.jenkins.plugins.kubernetesdelivery.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs the context streaming path once in a JVM of its own (started by {@link ContextStreamBench} with a small
 * {@code -Xmx}) and prints what its heap held: the heap used right after a full GC taken when half the tar is
 * written (the live set while streaming), and the most heap any GC of the run left in use. Argument: the workspace.
 * Prints one line {@code heap <tar bytes> <live mid-stream> <max after GC>}.
 */
public final class ContextHeapProbe {

    private ContextHeapProbe() {}

    public static void main(String[] args) throws IOException {
        AtomicLong maxAfterGc = new AtomicLong();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (n, h) -> {
                                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        n.getType())) {
                                    long used = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                                            .getGcInfo()
                                            .getMemoryUsageAfterGc()
                                            .entrySet()
                                            .stream()
                                            .filter(e -> heapPools.contains(e.getKey()))
                                            .mapToLong(e -> e.getValue().getUsed())
                                            .sum();
                                    maxAfterGc.accumulateAndGet(used, Math::max);
                                }
                            },
                            null,
                            null);
        }
        long expected = ContextStreamBench.tarSize(Path.of(args[0]));
        MidStreamGc sink = new MidStreamGc(expected / 2);
        long written = ContextStreamBench.ours(Path.of(args[0]), sink);
        System.out.println("heap " + written + " " + sink.live + " " + maxAfterGc.get());
    }

    /** A counting sink that runs a full GC once, when {@code at} bytes have been written, and notes the heap then. */
    private static final class MidStreamGc extends OutputStream {
        private final long at;
        private long count;
        long live = -1;

        MidStreamGc(long at) {
            this.at = at;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (live < 0 && count >= at) {
                System.gc();
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                live = heap.getUsed();
            }
        }
    }
}
