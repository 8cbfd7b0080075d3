package org.weir.conformal;

import java.util.Arrays;

/**
 * Exact quantiles of a weighted empirical distribution {@code P = sum_i w_i delta_{v_i} + w_inf delta_{+inf}}
 * (normalized by the total weight): {@code Q(p) = inf { v : P(X <= v) >= p }}, computed by sorting and
 * cumulating weights, never by sampling. Also the width-minimizing asymmetric interval
 * {@code [Q(beta), Q(1 - alpha + beta)]}, {@code beta* = argmin_{beta in [0, alpha]} Q(1-alpha+beta) - Q(beta)}
 * (Xu and Xie 2021, "Conformal prediction interval for dynamic time-series", and ResCP, Neglia et al. 2025),
 * with the convention {@code Q(0) = } the smallest value of positive weight.
 *
 * <p>Split conformal's finite-sample quantile is the special case of unit weights and one unit of mass at
 * {@code +inf}: the {@code ceil((n+1)(1-alpha))}-th smallest score (Vovk et al. 2005; Barber et al. 2023).
 */
public final class WeightedQuantile {
    private WeightedQuantile() {
    }

    /**
     * {@code Q(level)} of the weighted values (values and weights are not modified; sorts a copy).
     *
     * @param values the support points
     * @param weights non-negative weights, same length
     * @param infinityWeight non-negative weight of the point mass at +infinity
     * @param level in [0, 1]
     * @return the quantile, +infinity when the finite mass below it is not enough
     */
    public static double quantile(double[] values, double[] weights, double infinityWeight, double level) {
        int n = values.length;
        if (weights.length != n) {
            throw new IllegalArgumentException("values have " + n + " entries but weights " + weights.length);
        }
        checkLevel(level);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        return quantileSorted(values, weights, order, n, infinityWeight, level);
    }

    /**
     * {@code Q(level)} when {@code order[0..n)} lists the indices of {@code values} in increasing value.
     * O(n), allocation-free.
     */
    public static double quantileSorted(double[] values, double[] weights, int[] order, int n, double infinityWeight,
            double level) {
        double total = infinityWeight;
        for (int k = 0; k < n; k++) {
            total += weights[order[k]];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("total weight must be positive, got " + total);
        }
        double target = level * total;
        double cum = 0.0;
        double firstPositive = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double w = weights[order[k]];
            if (w <= 0) {
                continue;
            }
            if (firstPositive == Double.POSITIVE_INFINITY) {
                firstPositive = values[order[k]];
                if (target <= 0) {
                    return firstPositive;
                }
            }
            cum += w;
            if (cum >= target) {
                return values[order[k]];
            }
        }
        if (target <= 0) {
            return firstPositive;
        }
        // rounding: the finite mass may fall a few ulps short of a target equal to the whole finite mass
        if (infinityWeight == 0 && cum >= target * (1 - 1e-12)) {
            return lastPositive(values, weights, order, n);
        }
        return Double.POSITIVE_INFINITY;
    }

    private static double lastPositive(double[] values, double[] weights, int[] order, int n) {
        for (int k = n - 1; k >= 0; k--) {
            if (weights[order[k]] > 0) {
                return values[order[k]];
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    /**
     * The split-conformal quantile of n unweighted scores: the {@code ceil((n+1)(1-alpha))}-th smallest, or
     * +infinity when that rank exceeds n (scores sorted in place).
     */
    public static double conformalQuantile(double[] scores, double alpha) {
        AbstractIntervalMethod.checkAlpha(alpha);
        double[] s = scores.clone();
        Arrays.sort(s);
        int k = conformalRank(s.length, alpha);
        return k > s.length ? Double.POSITIVE_INFINITY : s[k - 1];
    }

    /**
     * {@code ceil((n+1)(1-alpha))}, guarded against rounding: the smallest integer k with
     * {@code k >= (n+1)(1-alpha)} up to 1e-9 relative error.
     */
    public static int conformalRank(int n, double level1MinusAlphaComplement) {
        double x = (n + 1) * (1.0 - level1MinusAlphaComplement);
        double k = Math.ceil(x - 1e-9 * Math.max(1.0, x));
        return (int) Math.max(k, 0);
    }

    private static void checkLevel(double level) {
        if (!(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + level);
        }
    }

    /**
     * The shortest interval {@code [Q(beta), Q(1-alpha+beta)]} over {@code beta in [0, alpha]} of the weighted
     * values (no mass at infinity). Both ends are non-decreasing step functions of beta, so the width is
     * piecewise constant and its minimum is attained at the right end of a piece: at {@code beta = 0}, at a
     * cumulative weight {@code c_k <= alpha} of the lower tail, or at {@code alpha - s_k} where {@code s_k} is
     * the weight strictly above an upper-tail point. Only the two tails of the sorted order are scanned:
     * O(tail) after the total, allocation-free.
     *
     * @param values support points, indexed by slot (not modified)
     * @param weights non-negative weights by slot (not modified)
     * @param order slots in increasing value, first n used (not modified)
     * @param n number of points
     * @param alpha miscoverage in (0, 1)
     * @param total the sum of the weights of the n points (positive)
     * @param out receives {lower, upper, beta*} (modified)
     */
    public static void shortestInterval(double[] values, double[] weights, int[] order, int n, double alpha,
            double total, double[] out) {
        if (!(total > 0)) {
            throw new IllegalArgumentException("total weight must be positive, got " + total);
        }
        double a = alpha * total;
        int first = nextPositive(weights, order, n, 0);
        int last = previousPositive(weights, order, n - 1);
        if (first >= n) {
            throw new IllegalArgumentException("no value has positive weight");
        }
        double bestWidth = Double.POSITIVE_INFINITY;
        double bestL = 0;
        double bestU = 0;
        double bestB = 0;

        // Pass 1: candidates B = 0 and B = c_k < a (ascending), upper pointer moving up.
        // Upper(B): smallest index whose strictly-above mass is <= a - B.
        int up = last;
        double above = 0.0; // mass strictly above order[up]
        while (true) {
            int cand = previousPositive(weights, order, up - 1);
            if (cand < 0) {
                break;
            }
            double aboveCand = above + weights[order[up]];
            if (aboveCand <= a) {
                above = aboveCand;
                up = cand;
            } else {
                break;
            }
        }
        int low = first;
        double b = 0.0;
        double cum = 0.0; // cumulative weight through order[low]
        while (true) {
            // Upper(b): move up while the strictly-above mass exceeds a - b
            while (above > a - b && up < last) {
                int cand = nextPositive(weights, order, n, up + 1);
                above -= weights[order[cand]];
                if (above < 0) {
                    above = 0;
                }
                up = cand;
            }
            double w = values[order[up]] - values[order[low]];
            if (w < bestWidth) {
                bestWidth = w;
                bestL = values[order[low]];
                bestU = values[order[up]];
                bestB = b;
            }
            if (b > 0) {
                int cand = nextPositive(weights, order, n, low + 1);
                if (cand >= n) {
                    break;
                }
                low = cand;
            }
            cum += weights[order[low]];
            if (!(cum < a)) {
                break;
            }
            b = cum; // right end of the piece where Lower = values[order[low]]
        }

        // Pass 2: candidates B = a - s_k >= 0 (s_k = mass strictly above the k-th point from the top),
        // descending B, lower pointer moving down. Lower(B): smallest index with cumulative >= B.
        int lo2 = first;
        double c2 = weights[order[first]];
        while (c2 < a) {
            int cand = nextPositive(weights, order, n, lo2 + 1);
            if (cand >= n) {
                break;
            }
            lo2 = cand;
            c2 += weights[order[lo2]];
        }
        int u2 = last;
        double s = 0.0;
        while (s <= a) {
            double bb = a - s;
            // lower pointer down while the previous point's cumulative is still >= bb
            while (true) {
                int prev = previousPositive(weights, order, lo2 - 1);
                if (prev < 0) {
                    break;
                }
                double cPrev = c2 - weights[order[lo2]];
                if (cPrev >= bb) {
                    c2 = cPrev;
                    lo2 = prev;
                } else {
                    break;
                }
            }
            double w = values[order[u2]] - values[order[lo2]];
            if (w < bestWidth) {
                bestWidth = w;
                bestL = values[order[lo2]];
                bestU = values[order[u2]];
                bestB = bb;
            }
            int cand = previousPositive(weights, order, u2 - 1);
            if (cand < 0) {
                break;
            }
            s += weights[order[u2]];
            u2 = cand;
        }
        out[0] = bestL;
        out[1] = bestU;
        out[2] = bestB / total;
    }

    /**
     * {@link #shortestInterval} for points already in increasing order with their weights in the same order
     * (contiguous arrays, no indirection): the same candidates and operations, hence the same result, and the
     * lower pointer of the second pass starts where the first pass left it instead of scanning the lower tail
     * again. The shortest interval {@code [Q(beta), Q(1-alpha+beta)]} over {@code beta in [0, alpha]} of the weighted
     * values (no mass at infinity). Both ends are non-decreasing step functions of beta, so the width is
     * piecewise constant and its minimum is attained at the right end of a piece: at {@code beta = 0}, at a
     * cumulative weight {@code c_k <= alpha} of the lower tail, or at {@code alpha - s_k} where {@code s_k} is
     * the weight strictly above an upper-tail point. Only the two tails of the sorted order are scanned:
     * O(tail) after the total, allocation-free.
     *
     * @param sorted support points in increasing order, first n used (not modified)
     * @param weights their non-negative weights, in the same order (not modified)
     * @param n number of points
     * @param alpha miscoverage in (0, 1)
     * @param total the sum of the weights of the n points (positive)
     * @param out receives {lower, upper, beta*} (modified)
     */
    public static void shortestIntervalSorted(double[] sorted, double[] weights, int n, double alpha, double total,
            double[] out) {
        if (!(total > 0)) {
            throw new IllegalArgumentException("total weight must be positive, got " + total);
        }
        double a = alpha * total;
        int first = nextPositive(weights, n, 0);
        int last = previousPositive(weights, n - 1);
        if (first >= n) {
            throw new IllegalArgumentException("no value has positive weight");
        }
        double bestWidth = Double.POSITIVE_INFINITY;
        double bestL = 0;
        double bestU = 0;
        double bestB = 0;

        // Pass 1: candidates B = 0 and B = c_k < a (ascending), upper pointer moving up.
        // Upper(B): smallest index whose strictly-above mass is <= a - B.
        int up = last;
        double above = 0.0; // mass strictly above sorted[up]
        while (true) {
            int cand = previousPositive(weights, up - 1);
            if (cand < 0) {
                break;
            }
            double aboveCand = above + weights[up];
            if (aboveCand <= a) {
                above = aboveCand;
                up = cand;
            } else {
                break;
            }
        }
        int low = first;
        double b = 0.0;
        double cum = 0.0; // cumulative weight through sorted[low]
        while (true) {
            // Upper(b): move up while the strictly-above mass exceeds a - b
            while (above > a - b && up < last) {
                int cand = nextPositive(weights, n, up + 1);
                above -= weights[cand];
                if (above < 0) {
                    above = 0;
                }
                up = cand;
            }
            double w = sorted[up] - sorted[low];
            if (w < bestWidth) {
                bestWidth = w;
                bestL = sorted[low];
                bestU = sorted[up];
                bestB = b;
            }
            if (b > 0) {
                int cand = nextPositive(weights, n, low + 1);
                if (cand >= n) {
                    break;
                }
                low = cand;
            }
            cum += weights[low];
            if (!(cum < a)) {
                break;
            }
            b = cum; // right end of the piece where Lower = sorted[low]
        }

        // Pass 2: candidates B = a - s_k >= 0 (s_k = mass strictly above the k-th point from the top),
        // descending B, lower pointer moving down. Lower(B): smallest index with cumulative >= B.
        // Pass 1 ended on the smallest index with cumulative >= a (or on the last positive point), accumulated in
        // the same order as the scan from the first point would: start pass 2 there.
        int lo2 = low;
        double c2 = cum;
        int u2 = last;
        double s = 0.0;
        while (s <= a) {
            double bb = a - s;
            // lower pointer down while the previous point's cumulative is still >= bb
            while (true) {
                int prev = previousPositive(weights, lo2 - 1);
                if (prev < 0) {
                    break;
                }
                double cPrev = c2 - weights[lo2];
                if (cPrev >= bb) {
                    c2 = cPrev;
                    lo2 = prev;
                } else {
                    break;
                }
            }
            double w = sorted[u2] - sorted[lo2];
            if (w < bestWidth) {
                bestWidth = w;
                bestL = sorted[lo2];
                bestU = sorted[u2];
                bestB = bb;
            }
            int cand = previousPositive(weights, u2 - 1);
            if (cand < 0) {
                break;
            }
            s += weights[u2];
            u2 = cand;
        }
        out[0] = bestL;
        out[1] = bestU;
        out[2] = bestB / total;
    }

    /**
     * The shortest interval {@code [Q(beta), Q(1-alpha+beta)]} over {@code beta in [0, alpha]} (no mass at
     * infinity), in one merged pass over the two tails: the same candidates and the same choice as
     * {@link #shortestInterval}, with the weights read through the sorted order.
     *
     * <p>In unnormalized units ({@code a = alpha * total}, {@code B = beta * total}), with {@code C_k} the weight
     * through rank k (summed upward) and {@code S_i} the weight strictly above rank i (summed downward):
     * {@code Lower(B)} is the lowest positive rank with {@code C_k >= B} (the lowest positive rank for B = 0) and
     * {@code Upper(B)} the lowest positive rank with {@code a - S_i >= B}. Both are non-decreasing step functions
     * continuous from the left, so the width is piecewise constant and attains its minimum at a right end of a
     * piece: {@code B = 0}, {@code B = C_k < a} (first kind) or {@code B = a - S_i >= 0} (second kind). The two
     * candidate sequences are both increasing, so one merge visits each rank of the two tails once, and the two
     * pointers of the merge are the values of Lower and Upper. Ties in width are broken as the two-pass
     * {@link #shortestInterval} does: the first candidate of the first kind in increasing B, unless a candidate of
     * the second kind is strictly narrower, then the one of largest B among those. O(tail) after the total,
     * allocation-free.
     *
     * @param sorted support points in increasing order, first n used (not modified)
     * @param weights non-negative weights indexed by slot (not modified)
     * @param order {@code order[r]} is the slot of the point of rank r, first n used (not modified)
     * @param n number of points
     * @param alpha miscoverage in (0, 1)
     * @param total the sum of the weights of the n points (positive)
     * @param scratch work array of at least {@code 4 n + 4} entries (modified)
     * @param out receives {lower, upper, beta*} (modified)
     */
    public static void shortestIntervalRanked(double[] sorted, double[] weights, int[] order, int n, double alpha,
            double total, double[] scratch, double[] out) {
        if (!(total > 0)) {
            throw new IllegalArgumentException("total weight must be positive, got " + total);
        }
        if (scratch.length < 4 * n + 4) {
            throw new IllegalArgumentException("scratch needs " + (4 * n + 4) + " entries, got " + scratch.length);
        }
        double a = alpha * total;
        int first = nextPositive(weights, order, n, 0);
        if (first >= n) {
            throw new IllegalArgumentException("no value has positive weight");
        }
        int last = previousPositive(weights, order, n - 1);
        // The candidates, compacted over the positive ranks (so the merge below has no skipping and no indirection):
        // first kind: keys C_k < a and values v_k in scratch[0..nl), then the sentinel (+inf, v_k) of the first rank
        // with C_k >= a (the lowest possible Lower for B <= a);
        int nl = 0;
        int k = first;
        double c = weights[order[first]];
        while (c < a) {
            scratch[nl] = c;
            scratch[nl + n + 1] = sorted[k];
            nl++;
            int next = nextPositive(weights, order, n, k + 1);
            if (next >= n) {
                break; // rounding: the whole mass summed to less than a
            }
            k = next;
            c += weights[order[k]];
        }
        scratch[nl] = Double.POSITIVE_INFINITY;
        scratch[n + 1 + nl] = sorted[k];
        // second kind: keys a - S_i >= 0 and values v_i, filled downward from the top so that they end increasing
        // in scratch[ub..ue), then the sentinel (+inf, v_last)
        int vo = n + 1; // values are stored vo entries after their keys
        int ue = 3 * n + 2;
        int ub = ue;
        int i = last;
        double s = 0.0;
        scratch[--ub] = a;
        scratch[ub + vo] = sorted[last];
        while (true) {
            int prev = previousPositive(weights, order, i - 1);
            if (prev < 0) {
                break;
            }
            double s2 = s + weights[order[i]];
            if (s2 > a) {
                break;
            }
            s = s2;
            i = prev;
            scratch[--ub] = a - s;
            scratch[ub + vo] = sorted[i];
        }
        scratch[ue] = Double.POSITIVE_INFINITY;
        scratch[ue + vo] = sorted[last];
        // merge: keys at scratch[l] and scratch[u], values vo entries further
        int l = 0;
        int u = ub;
        double lowV = scratch[vo];
        double upV = scratch[u + vo];
        // B = 0 (first kind): Lower = first, Upper = the lowest rank of the second kind (all its keys are >= 0)
        double best1 = upV - lowV;
        double l1 = lowV;
        double u1 = upV;
        double b1 = 0.0;
        double best2 = Double.POSITIVE_INFINITY;
        double l2 = lowV;
        double u2 = upV;
        double b2 = 0.0;
        if (scratch[u] == 0.0) { // S_i = a: the second-kind candidate at B = 0
            best2 = best1;
            u++;
        }
        // Two independent merges in one loop (candidates below the split key kS, and from kS up), so that the processor
        // overlaps their dependency chains; their best candidates are combined in increasing B afterwards.
        int lS = l;
        int uS = u;
        double kS = Double.POSITIVE_INFINITY;
        if (nl >= 64) {
            lS = nl / 2;
            kS = scratch[lS];
            while (lS > 0 && scratch[lS - 1] >= kS) {
                lS--; // equal keys (a sum that absorbed a tiny weight) stay together
            }
            int lo = u;
            int hi = ue; // scratch[ue] = +inf >= kS
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (scratch[mid] >= kS) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            uS = lo;
        }
        // second merge: candidates with keys >= kS
        int lb = lS;
        int uu = uS;
        double best1b = Double.POSITIVE_INFINITY;
        double l1b = 0;
        double u1b = 0;
        double b1b = 0;
        double best2b = Double.POSITIVE_INFINITY;
        double l2b = 0;
        double u2b = 0;
        double b2b = 0;
        boolean liveA = l < lS | u < uS;
        while (true) {
            double kcb = scratch[lb];
            double kub = scratch[uu];
            boolean liveB = !(kcb == Double.POSITIVE_INFINITY & kub == Double.POSITIVE_INFINITY);
            if (!liveB) {
                break;
            }
            // which kinds have their next candidate at B = min(kc, ku), as 0/1 without branches (the sign bit of the
            // difference; keys are finite or +inf, not both +inf here)
            int icb = (int) (Double.doubleToRawLongBits(kub - kcb) >>> 63) ^ 1; // kc <= ku
            int iub = (int) (Double.doubleToRawLongBits(kcb - kub) >>> 63) ^ 1; // ku <= kc
            double lowVb = scratch[lb + vo];
            double upVb = scratch[uu + vo];
            double widthb = upVb - lowVb;
            if ((icb & (widthb < best1b ? 1 : 0)) != 0) {
                best1b = widthb;
                l1b = lowVb;
                u1b = upVb;
                b1b = kcb;
            }
            if ((iub & (widthb <= best2b ? 1 : 0)) != 0) {
                best2b = widthb;
                l2b = lowVb;
                u2b = upVb;
                b2b = kub;
            }
            lb += icb;
            uu += iub;
            if (liveA) { // first merge: candidates with keys < kS (a key >= kS never wins the minimum there)
                double kc = scratch[l];
                double ku = scratch[u];
                int ic = (int) (Double.doubleToRawLongBits(ku - kc) >>> 63) ^ 1;
                int iu = (int) (Double.doubleToRawLongBits(kc - ku) >>> 63) ^ 1;
                lowV = scratch[l + vo];
                upV = scratch[u + vo];
                double width = upV - lowV;
                if ((ic & (width < best1 ? 1 : 0)) != 0) {
                    best1 = width;
                    l1 = lowV;
                    u1 = upV;
                    b1 = kc;
                }
                if ((iu & (width <= best2 ? 1 : 0)) != 0) {
                    best2 = width;
                    l2 = lowV;
                    u2 = upV;
                    b2 = ku;
                }
                l += ic;
                u += iu;
                liveA = l < lS | u < uS;
            }
        }
        while (liveA) {
            double kc = scratch[l];
            double ku = scratch[u];
            int ic = (int) (Double.doubleToRawLongBits(ku - kc) >>> 63) ^ 1;
            int iu = (int) (Double.doubleToRawLongBits(kc - ku) >>> 63) ^ 1;
            lowV = scratch[l + vo];
            upV = scratch[u + vo];
            double width = upV - lowV;
            if ((ic & (width < best1 ? 1 : 0)) != 0) {
                best1 = width;
                l1 = lowV;
                u1 = upV;
                b1 = kc;
            }
            if ((iu & (width <= best2 ? 1 : 0)) != 0) {
                best2 = width;
                l2 = lowV;
                u2 = upV;
                b2 = ku;
            }
            l += ic;
            u += iu;
            liveA = l < lS | u < uS;
        }
        // in increasing B: the first strict minimum of the first kind, the last minimum of the second kind
        if (best1b < best1) {
            best1 = best1b;
            l1 = l1b;
            u1 = u1b;
            b1 = b1b;
        }
        if (best2b <= best2) {
            best2 = best2b;
            l2 = l2b;
            u2 = u2b;
            b2 = b2b;
        }
        boolean second = best2 < best1;
        out[0] = second ? l2 : l1;
        out[1] = second ? u2 : u1;
        out[2] = (second ? b2 : b1) / total;
    }

    private static int nextPositive(double[] weights, int n, int from) {
        int k = from;
        while (k < n && !(weights[k] > 0)) {
            k++;
        }
        return k;
    }

    private static int previousPositive(double[] weights, int from) {
        int k = from;
        while (k >= 0 && !(weights[k] > 0)) {
            k--;
        }
        return k;
    }

    private static int nextPositive(double[] weights, int[] order, int n, int from) {
        int k = from;
        while (k < n && !(weights[order[k]] > 0)) {
            k++;
        }
        return k;
    }

    private static int previousPositive(double[] weights, int[] order, int from) {
        int k = from;
        while (k >= 0 && !(weights[order[k]] > 0)) {
            k--;
        }
        return k;
    }
}
