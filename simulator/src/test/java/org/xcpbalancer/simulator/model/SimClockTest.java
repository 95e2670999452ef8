package org.xcpbalancer.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimClockTest {

    @Test
    void realTimeIsTheWallClock() {
        Instant before = Instant.now();
        Instant now = SimClock.realTime().now();
        assertThat(now).isBetween(before, Instant.now());
        assertThat(SimClock.realTime().speed()).isEqualTo(1.0);
    }

    @Test
    void aScaledClockRunsFaster() throws Exception {
        SimClock clock = SimClock.scaled(100);
        // The real time is read on both sides of each clock reading: a thread descheduled between two readings
        // (a loaded machine) then widens the bracket instead of breaking a fixed ±10 %.
        long outerStart = System.nanoTime();
        Instant start = clock.now();
        long innerStart = System.nanoTime();
        Thread.sleep(200);
        long innerEnd = System.nanoTime();
        Instant end = clock.now();
        long outerEnd = System.nanoTime();
        long simulated = Duration.between(start, end).toNanos();
        // 100 x the real time that passed between the two readings, give or take a rounding nanosecond.
        assertThat(simulated).isBetween((innerEnd - innerStart) * 100 - 100, (outerEnd - outerStart) * 100 + 100);
        assertThat(clock.speed()).isEqualTo(100);
    }

    @Test
    void sleepingOnAScaledClockTakesSimulatedTimeOverSpeed() throws Exception {
        SimClock clock = SimClock.scaled(1000);
        Instant before = clock.now();
        clock.sleep(Duration.ofSeconds(60));
        assertThat(Duration.between(before, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> SimClock.scaled(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimClock.scaled(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aManualClockWakesSleepersWhenAdvanced() throws Exception {
        ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
        CountDownLatch woke = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                clock.sleep(Duration.ofSeconds(30));
                woke.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        while (sleeper.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(woke.await(200, TimeUnit.MILLISECONDS)).as("still asleep at 29 s").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(woke.await(5, TimeUnit.SECONDS)).as("awake at 30 s").isTrue();
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        sleeper.join();
    }

    @Test
    void asJavaClockReadsThePoolTimeInUtcAsItMoves() {
        ManualClock clock = SimClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
        Clock java = clock.asJavaClock();
        clock.advance(Duration.ofMinutes(5));
        assertThat(java.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(java.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
