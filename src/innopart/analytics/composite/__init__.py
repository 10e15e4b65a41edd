"""Composite indicators in Python, reproducing COINr (EC JRC, MIT licence) step by step.

Public API::

    from innopart.analytics.composite import Coin, Framework, read_coinr
    coin = Coin.from_coinr(*read_coinr("ASEM_iData.csv", "ASEM_iMeta.csv"))
"""

from .coin import Coin, Step
from .errors import CompositeError, DataError, FrameworkError
from .framework import Framework
from .io import example, read_coinr

__all__ = ["Coin", "CompositeError", "DataError", "Framework", "FrameworkError", "Step", "example", "read_coinr"]
