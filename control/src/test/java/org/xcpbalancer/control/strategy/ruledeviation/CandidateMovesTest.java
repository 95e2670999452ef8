package org.xcpbalancer.control.strategy.ruledeviation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateMovesTest {

    private static List<Integer> rankedDestinations(CandidateMoves candidates) {
        candidates.rank();
        List<Integer> result = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            result.add(candidates.destination(candidates.ranked(k)));
        }
        return result;
    }

    @Test
    void aPreferredDestinationComesFirstThenTheLowestImbalanceAndEqualOnesInTheOrderAdded() {
        CandidateMoves candidates = new CandidateMoves();
        candidates.add(0, 1, 3.0, false);
        candidates.add(0, 2, 1.0, true);
        candidates.add(1, 3, 2.0, false);
        candidates.add(1, 4, 2.0, false);
        candidates.add(2, 5, 0.5, false);
        assertThat(rankedDestinations(candidates)).containsExactly(5, 3, 4, 1, 2);
    }

    @Test
    void thousandsOfCandidatesRankLikeAStableSortAndTheListServesTheNextSearch() {
        CandidateMoves candidates = new CandidateMoves();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            candidates.add(i, i, (i * 7919) % 100, i % 3 == 0);
        }
        for (int unpreferred = 0; unpreferred < 2; unpreferred++) {
            for (int imbalance = 0; imbalance < 100; imbalance++) {
                for (int i = 0; i < 5000; i++) {
                    if ((i % 3 == 0) == (unpreferred == 1) && (i * 7919) % 100 == imbalance) {
                        expected.add(i);
                    }
                }
            }
        }
        assertThat(rankedDestinations(candidates)).isEqualTo(expected);

        candidates.clear();
        candidates.add(0, 9, 1.0, false);
        candidates.add(0, 8, 0.0, false);
        assertThat(rankedDestinations(candidates)).containsExactly(8, 9);
    }
}
