"""Defaults of the segment search that the command line shows, without importing NumPy."""

STARTS = 120  # random starts per K
BOOTSTRAP_RESAMPLES = 20  # resamples per K for the stability check
