"""Stage 4 (pure): body lines into columns — regions, distribution, balancing, widow control."""

from typeset.flow.distribute import Distribution, LineKey, balance_level, distribute
from typeset.flow.regions import Column, reserve_last_line, total_capacity

__all__ = ["Column", "Distribution", "LineKey", "balance_level", "distribute",
           "reserve_last_line", "total_capacity"]
