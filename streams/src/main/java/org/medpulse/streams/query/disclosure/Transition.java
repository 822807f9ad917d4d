package org.medpulse.streams.query.disclosure;

/**
 * One line of a perturbation table, with the columns of Destatis' {@code ptable} output: original count
 * {@code i}, perturbed count {@code j}, probability {@code p}, noise {@code v = j - i}, and the cell-key
 * interval {@code [p_int_lb, p_int_ub)} that selects this line.
 */
public record Transition(int i, int j, double p, int v, double lowerBound, double upperBound) {}
