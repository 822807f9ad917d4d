package org.medpulse.bench.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.schemas.vocabulary.Vocabulary;
import org.medpulse.streams.state.Count;

/**
 * The least-squares attack on the target group's count: the unknowns are the counts of every day and
 * cell (partner × practice type × setting × usage frequency), every answer is the sum of some of them
 * plus noise, and the estimate of the target is the least-squares estimate under equal, independent
 * noise variances, which is all the method tells an attacker about its noise (mean 0, variance V,
 * whatever the count): the best linear unbiased estimate one can form without the record keys.
 *
 * <p>Within a block every window is asked with every filter combination, so a block's questions are a
 * product of {@link QueryDimension}s. With one block the estimate's weight on an answer is the product
 * of its subsets' weights in each dimension, each dimension solved alone; with several,
 * {@link BlockLeastSquares} solves the sum of their normal matrices. Either way the estimate is a fixed
 * linear combination of the answers, computed once; attacking a panel is then one pass over the answers.
 *
 * <p>As in the API, an answer whose respondents are published as 0 is suppressed: it shows no usage
 * breakdown, and the attacker takes the missing breakdown as zeros.
 */
public final class LinearAttack {

    /** Dimensions of the filters, in the order of the panel's cells. */
    private static final int PARTNER = 0;
    private static final int FREQUENCY = 3;

    private final AttackQuestions questions;
    private final AttackPanel.Settings panel;
    private final List<BlockAnswers> blocks = new ArrayList<>();
    private final double varianceFactor;

    public LinearAttack(AttackQuestions questions, AttackPanel.Settings panel) {
        this.questions = questions;
        this.panel = panel;
        for (AttackQuestions.Block block : questions.blocks()) {
            blocks.add(new BlockAnswers(distinct(block.windows()), filterSubsets(block, panel.partners())));
        }
        int[] target = {panel.targetDay()};
        if (blocks.size() == 1) {
            BlockAnswers only = blocks.get(0);
            QueryDimension days = new QueryDimension("days", panel.days(), members(only.windows), target);
            only.windowWeights = days.weights();
            double factor = days.varianceFactor();
            double[][] perDimension = new double[only.subsets.length][];
            for (int k = 0; k < only.subsets.length; k++) {
                QueryDimension dimension = new QueryDimension("filter " + k, categories(k, panel.partners()),
                        List.of(only.subsets[k]), targetCategories(k));
                perDimension[k] = dimension.weights();
                factor *= dimension.varianceFactor();
            }
            only.filterWeights = product(perDimension);
            this.varianceFactor = factor;
        } else {
            int[] categories = {panel.days(), panel.partners(), AttackPanel.PRACTICE_TYPES, AttackPanel.SETTINGS,
                AttackPanel.FREQUENCIES};
            List<int[][][]> subsets = new ArrayList<>();
            for (BlockAnswers b : blocks) {
                int[][][] dims = new int[5][][];
                dims[0] = members(b.windows).toArray(int[][]::new);
                System.arraycopy(b.subsets, 0, dims, 1, 4);
                subsets.add(dims);
            }
            int[][] targets = {target, targetCategories(0), targetCategories(1), targetCategories(2), targetCategories(3)};
            double[][] weights = BlockLeastSquares.weights(categories, subsets, targets);
            double factor = 0;
            for (int b = 0; b < blocks.size(); b++) {
                blocks.get(b).answerWeights = weights[b];
                for (double w : weights[b]) {
                    factor += w * w;
                }
            }
            this.varianceFactor = factor;
        }
    }

    /** The questions of one block, their filter subsets, and the estimator's weights on their answers. */
    private final class BlockAnswers {
        final List<int[]> windows;
        final int[][][] subsets;
        final int combinations;
        final int frequencyGroups;
        /** Separable weights (one block): per window, and per filter combination. */
        double[] windowWeights;
        double[] filterWeights;
        /** General weights (several blocks): per window and filter combination, row-major. */
        double[] answerWeights;

        BlockAnswers(List<int[]> windows, int[][][] subsets) {
            this.windows = windows;
            this.subsets = subsets;
            int combinations = 1;
            for (int[][] s : subsets) {
                combinations *= s.length;
            }
            this.combinations = combinations;
            this.frequencyGroups = subsets[FREQUENCY].length;
        }

        double weight(int window, int combination) {
            return answerWeights != null
                    ? answerWeights[window * combinations + combination]
                    : windowWeights[window] * filterWeights[combination];
        }
    }

    private static List<int[]> distinct(List<int[]> windows) {
        Map<List<Integer>, int[]> unique = new LinkedHashMap<>();
        for (int[] w : windows) {
            unique.putIfAbsent(List.of(w[0], w[1]), w);
        }
        return List.copyOf(unique.values());
    }

    private static List<int[]> members(List<int[]> windows) {
        return windows.stream().map(w -> IntStream.rangeClosed(w[0], w[1]).toArray()).toList();
    }

    private static int categories(int dimension, int partners) {
        return switch (dimension) {
            case PARTNER -> partners;
            case 1 -> AttackPanel.PRACTICE_TYPES;
            case 2 -> AttackPanel.SETTINGS;
            default -> AttackPanel.FREQUENCIES;
        };
    }

    /** The target is the first partner's respondents, whatever their type, setting and frequency. */
    private int[] targetCategories(int dimension) {
        return dimension == PARTNER ? new int[] {0} : all(categories(dimension, panel.partners()));
    }

    /**
     * The subsets each filter dimension offers: partners (the first alone, or each and the whole panel),
     * practice types and settings (none, or none and each), frequencies (the respondents, first, or also
     * each frequency, users and regular users). Subsets with the same categories are one question.
     */
    private static int[][][] filterSubsets(AttackQuestions.Block block, int partners) {
        List<int[]> partnerSubsets = new ArrayList<>();
        partnerSubsets.add(new int[] {0});
        if (block.filters() != AttackQuestions.Filters.PARTNER && partners > 1) {
            for (int p = 1; p < partners; p++) {
                partnerSubsets.add(new int[] {p});
            }
            partnerSubsets.add(all(partners));
        }
        boolean split = block.filters() == AttackQuestions.Filters.EVERY_COMBINATION;
        List<int[]> frequencies = new ArrayList<>();
        frequencies.add(all(AttackPanel.FREQUENCIES));
        if (block.frequencies()) {
            for (int f = 0; f < AttackPanel.FREQUENCIES; f++) {
                frequencies.add(new int[] {f});
            }
            frequencies.add(IntStream.range(0, AttackPanel.FREQUENCIES)
                    .filter(f -> f != UsageFrequency.NEVER.ordinal()).toArray());
            frequencies.add(IntStream.range(0, AttackPanel.FREQUENCIES)
                    .filter(f -> Vocabulary.isRegularUse(UsageFrequency.values()[f])).toArray());
        }
        return new int[][][] {partnerSubsets.toArray(int[][]::new), noneOrEach(AttackPanel.PRACTICE_TYPES, split),
            noneOrEach(AttackPanel.SETTINGS, split), frequencies.toArray(int[][]::new)};
    }

    private static int[][] noneOrEach(int categories, boolean each) {
        List<int[]> subsets = new ArrayList<>();
        subsets.add(all(categories));
        if (each) {
            for (int c = 0; c < categories; c++) {
                subsets.add(new int[] {c});
            }
        }
        return subsets.toArray(int[][]::new);
    }

    private static int[] all(int categories) {
        return IntStream.range(0, categories).toArray();
    }

    private static double[] product(double[][] perDimension) {
        double[] result = {1};
        for (double[] weights : perDimension) {
            double[] next = new double[result.length * weights.length];
            for (int i = 0; i < result.length; i++) {
                for (int j = 0; j < weights.length; j++) {
                    next[i * weights.length + j] = result[i] * weights[j];
                }
            }
            result = next;
        }
        return result;
    }

    public AttackQuestions questions() {
        return questions;
    }

    /** Distinct answers: each window with each filter combination, a usage breakdown's counts each one more. */
    public long answers() {
        return blocks.stream().mapToLong(b -> (long) b.windows.size() * b.combinations).sum();
    }

    /** Distinct day windows. */
    public int windows() {
        return blocks.stream().mapToInt(b -> b.windows.size()).sum();
    }

    /**
     * The estimate's standard deviation if every answer had independent noise of variance {@code v}:
     * an answer about nobody has none, and answers about the same respondents have the same noise, so
     * the real error differs (see the measured one).
     */
    public double modelStandardDeviation(double v) {
        return Math.sqrt(v * varianceFactor);
    }

    /**
     * The attacker's estimate of the target's count from the answers {@code publish} gives: the real
     * method ({@code CellKeyPerturbation::publish}) or, to check the estimator, exact counts.
     */
    public double estimate(AttackPanel data, ToLongFunction<Count> publish) {
        if (!data.settings().equals(panel)) {
            throw new IllegalArgumentException("the attack was prepared for another panel");
        }
        double estimate = 0;
        for (BlockAnswers block : blocks) {
            Workspace w = new Workspace(block.subsets);
            for (int i = 0; i < block.windows.size(); i++) {
                data.window(block.windows.get(i)[0], block.windows.get(i)[1], w.counts, w.keys);
                w.subsetSums();
                for (int first = 0; first < block.combinations; first += block.frequencyGroups) {
                    long respondents = published(publish, w.outCounts[first], w.outKeys[first]);
                    estimate += block.weight(i, first) * respondents;
                    if (respondents == 0) {
                        continue; // suppressed: no breakdown shown, taken as zeros
                    }
                    for (int o = first + 1; o < first + block.frequencyGroups; o++) {
                        estimate += block.weight(i, o) * published(publish, w.outCounts[o], w.outKeys[o]);
                    }
                }
            }
        }
        return estimate;
    }

    /** An answer as published; a count of nobody is 0 in every method (zero stays zero), so it is not looked up. */
    private static long published(ToLongFunction<Count> publish, int count, int keySum) {
        return count == 0 ? 0 : publish.applyAsLong(new Count(count, keySum));
    }

    /** Buffers of one block's estimate: a window's cells, then their sums over each filter dimension in turn. */
    private final class Workspace {
        final int[] counts = new int[panel.cells()];
        final int[] keys = new int[panel.cells()];
        int[] outCounts;
        int[] outKeys;
        private final int[][][] subsets;
        private final int[][] stageCounts;
        private final int[][] stageKeys;
        private final int[] shape = {panel.partners(), AttackPanel.PRACTICE_TYPES, AttackPanel.SETTINGS,
            AttackPanel.FREQUENCIES};

        Workspace(int[][][] subsets) {
            this.subsets = subsets;
            this.stageCounts = new int[subsets.length][];
            this.stageKeys = new int[subsets.length][];
            int[] dims = shape.clone();
            for (int k = 0; k < subsets.length; k++) {
                dims[k] = subsets[k].length;
                int size = 1;
                for (int d : dims) {
                    size *= d;
                }
                stageCounts[k] = new int[size];
                stageKeys[k] = new int[size];
            }
        }

        /** Sums the cells over each dimension's subsets: [P][T][S][F] becomes [subsets of P]…[subsets of F]. */
        void subsetSums() {
            int[] inCounts = counts;
            int[] inKeys = keys;
            int[] dims = shape.clone();
            for (int k = 0; k < subsets.length; k++) {
                int pre = 1;
                for (int d = 0; d < k; d++) {
                    pre *= dims[d];
                }
                int post = 1;
                for (int d = k + 1; d < dims.length; d++) {
                    post *= dims[d];
                }
                int categories = dims[k];
                int[][] sets = subsets[k];
                int[] oc = stageCounts[k];
                int[] ok = stageKeys[k];
                for (int p = 0; p < pre; p++) {
                    for (int s = 0; s < sets.length; s++) {
                        int out = (p * sets.length + s) * post;
                        for (int j = 0; j < post; j++) {
                            int n = 0;
                            int key = 0;
                            for (int c : sets[s]) {
                                int in = (p * categories + c) * post + j;
                                n += inCounts[in];
                                key += inKeys[in]; // int arithmetic: modulo 2^32, as the stores sum keys
                            }
                            oc[out + j] = n;
                            ok[out + j] = key;
                        }
                    }
                }
                dims[k] = sets.length;
                inCounts = oc;
                inKeys = ok;
            }
            outCounts = inCounts;
            outKeys = inKeys;
        }
    }
}
