"""Rebuild the survey chapter of NIFU STEP report 38/2010 from a respondent file."""

from klyngekrise.paths import PROJ_ROOT

__all__ = ["PROJ_ROOT"]
