/** Figures: exact percentiles of recorded samples, and the report that prints each figure beside its target. */
package dev.carecall.bench.report;
