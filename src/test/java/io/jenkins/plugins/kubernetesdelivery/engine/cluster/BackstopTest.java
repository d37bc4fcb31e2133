package io.jenkins.plugins.kubernetesdelivery.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Audit D-19: the backstop reads of the waits no longer share one thread. */
class BackstopTest {

    private static final Duration OFTEN = Duration.ofMillis(5);

    /** A read that hangs (a GET blocked up to the client's timeout) must not stop another wait's reads. */
    @Test
    void aHangingReadDoesNotStopTheReadsOfAnotherWait() throws InterruptedException {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> stuck = Backstop.every(OFTEN, () -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(hanging.await(30, TimeUnit.SECONDS))
                    .as("the first wait's read started")
                    .isTrue();
            CountDownLatch reads = new CountDownLatch(3);
            Future<?> other = Backstop.every(OFTEN, reads::countDown);
            try {
                assertThat(reads.await(30, TimeUnit.SECONDS))
                        .as("the other wait kept reading")
                        .isTrue();
            } finally {
                other.cancel(false);
            }
        } finally {
            stuck.cancel(false);
            release.countDown();
        }
    }

    /** A slow read is not started again before it ends: one wait never has two reads at once. */
    @Test
    void oneWaitNeverReadsTwiceAtOnce() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch reads = new CountDownLatch(4);
        Future<?> backstop = Backstop.every(OFTEN, () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(OFTEN.toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                reads.countDown();
            }
        });
        try {
            assertThat(reads.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            backstop.cancel(false);
        }
        assertThat(most.get()).isEqualTo(1);
    }
}
