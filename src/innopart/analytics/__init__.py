"""Innopart's computations, with no Django in them: usable from a notebook, tested on their own.

Subpackages
-----------
composite
    Composite indicators (COINr's method in Python): framework, denomination, imputation, screening,
    outlier treatment, normalisation, weighting, aggregation and ranks, composed in a re-runnable pipeline.
"""
