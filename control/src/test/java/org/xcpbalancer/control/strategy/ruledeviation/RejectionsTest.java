package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RejectionsTest {
    @Test
    void countsEveryRejectionButBuildsOnlyTheFirstExamplesPerDestination() {
        Rejections rejections = new Rejections();
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            String destination = "Host" + (i % 3);
            rejections.note(RejectionKind.DESTINATION_VIOLATES, destination, () -> {
                built.incrementAndGet();
                return "example for " + destination;
            });
        }
        rejections.note(RejectionKind.NO_MEMORY, "Host9", () -> "Host9 has 10 MB free memory, VM needs 20 MB");

        assertThat(built).hasValue(Rejections.EXAMPLES_PER_KIND);
        assertThat(rejections.summary()).isEqualTo("100 would make the destination violate a rule (e.g. example for "
                + "Host0; example for Host1); 1 find no free memory on the destination (e.g. Host9 has 10 MB free "
                + "memory, VM needs 20 MB)");
    }

    @Test
    void nothingRejectedSaysSo() {
        assertThat(new Rejections().summary()).isEqualTo("no candidate");
    }
}
