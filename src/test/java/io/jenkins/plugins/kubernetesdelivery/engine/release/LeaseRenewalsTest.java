package io.jenkins.plugins.kubernetesdelivery.engine.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseRenewalsTest {

    private static long renewalThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kubernetes-delivery lease"))
                .count();
    }

    @Test
    void fiftyLeasesAreRenewedAgainAndAgainByAFewSharedThreads() throws Exception {
        CountDownLatch twice = new CountDownLatch(50);
        List<LeaseRenewals.Renewals> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AtomicInteger runs = new AtomicInteger();
            all.add(LeaseRenewals.start(
                    () -> {
                        if (runs.incrementAndGet() == 2) {
                            twice.countDown();
                        }
                        return runs.get() < 2 ? 0 : 3600;
                    },
                    0));
        }
        try {
            assertThat(twice.await(30, TimeUnit.SECONDS))
                    .as("every Lease renewed twice")
                    .isTrue();
            assertThat(all).allMatch(LeaseRenewals.Renewals::active);
            assertThat(renewalThreads())
                    .as("threads for 50 Leases (one each before)")
                    .isBetween(1L, 1L + LeaseRenewals.WORKER_THREADS);
        } finally {
            for (LeaseRenewals.Renewals r : all) {
                r.stop();
            }
        }
        assertThat(all).noneMatch(LeaseRenewals.Renewals::active);
    }

    @Test
    void stopInterruptsTheRenewalInFlightAndWaitsForItThenNothingRunsAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        LeaseRenewals.Renewals r = LeaseRenewals.start(
                () -> {
                    runs.incrementAndGet();
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    finished.set(true);
                    return 0; // would renew again at once
                },
                0);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        r.stop();
        assertThat(interrupted).as("interrupted").isTrue();
        assertThat(finished).as("stop returned after the renewal ended").isTrue();
        Thread.sleep(300);
        assertThat(runs).as("no renewal after stop").hasValue(1);
        assertThat(r.active()).isFalse();
    }

    @Test
    void aRenewalThatSaysStopIsNotScheduledAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        LeaseRenewals.Renewals r = LeaseRenewals.start(
                () -> {
                    runs.incrementAndGet();
                    ran.countDown();
                    return -1;
                },
                0);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(runs).hasValue(1);
        assertThat(r.active()).isFalse();
        r.stop();
    }
}
