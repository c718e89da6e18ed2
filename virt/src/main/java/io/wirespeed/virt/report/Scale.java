package io.wirespeed.virt.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a data domain onto [0, 1] and says where its ticks go. The factories repair domains that
 * data can produce (empty, reversed, a single value, NaN) so that a chart never divides by zero.
 */
sealed interface Scale {
    int MAX_TICKS = 50;

    /** Where {@code value} falls: 0 at the domain's start, 1 at its end (outside for values outside). */
    double fraction(double value);

    List<Double> ticks();

    double min();

    double max();

    /** From 0 up to a round number at or above {@code max}, ticked at round steps. */
    static Scale fromZero(double max) {
        double top = Double.isFinite(max) && max > 0 ? max : 1;
        double step = niceStep(top / 5);
        return new Linear(0, Math.ceil(top / step - 1e-9) * step, step, List.of());
    }

    /** A linear domain [min, max] ticked exactly at {@code ticks} (e.g. the frame sizes measured). */
    static Scale linear(double min, double max, List<Double> ticks) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max <= min) {
            double centre = Double.isFinite(min) ? min : 0;
            return new Linear(centre - 1, centre + 1, 0, List.copyOf(ticks));
        }
        return new Linear(min, max, 0, List.copyOf(ticks));
    }

    /** A base-10 log domain covering [min, max] out to whole decades; non-positive or NaN bounds are repaired. */
    static Scale log(double min, double max) {
        double lo = Double.isFinite(min) && min > 0 ? min : 1;
        double hi = Double.isFinite(max) && max > 0 ? max : lo;
        if (hi < lo) {
            hi = lo;
        }
        double low = Math.floor(Math.log10(lo));
        double high = Math.ceil(Math.log10(hi));
        if (high <= low) {
            high = low + 1;
        }
        return new Log(low, high);
    }

    /** 1, 2 or 5 times a power of ten, the smallest at or above {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= rough - 1e-12 * power) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Linear; ticked every {@code step} from min, or at {@code fixedTicks} when step is 0. */
    record Linear(double min, double max, double step, List<Double> fixedTicks) implements Scale {
        @Override
        public double fraction(double value) {
            return (value - min) / (max - min);
        }

        @Override
        public List<Double> ticks() {
            if (step <= 0) {
                return fixedTicks.stream().filter(t -> t >= min && t <= max).toList();
            }
            // capped, so that a domain out near Double.MAX_VALUE cannot ask for endless ticks
            long count = Math.min(MAX_TICKS, (long) Math.floor((max - min) / step + 1e-9) + 1);
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ticks.add(min + i * step);
            }
            return ticks;
        }
    }

    /** Base-10 log between the decades 10^lowExponent and 10^highExponent. */
    record Log(double lowExponent, double highExponent) implements Scale {
        @Override
        public double fraction(double value) {
            return (Math.log10(value) - lowExponent) / (highExponent - lowExponent);
        }

        /**
         * Each decade (every n-th one over a wide range, so that labels do not collide); with three
         * decades or fewer also its 2 and 5, so that a narrow range still reads.
         */
        @Override
        public List<Double> ticks() {
            double decades = highExponent - lowExponent;
            boolean fine = decades <= 3;
            double stride = Math.ceil(decades / 10);
            List<Double> ticks = new ArrayList<>();
            for (double e = lowExponent; e <= highExponent; e += stride) {
                double decade = Math.pow(10, e);
                ticks.add(decade);
                if (fine && e < highExponent) {
                    ticks.add(2 * decade);
                    ticks.add(5 * decade);
                }
            }
            return ticks;
        }

        @Override
        public double min() {
            return Math.pow(10, lowExponent);
        }

        @Override
        public double max() {
            return Math.pow(10, highExponent);
        }
    }
}
