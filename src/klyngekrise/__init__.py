"""Rebuild the survey chapter of NIFU STEP report 38/2010 from a respondent file."""

# Nothing imported here: every `python -m klyngekrise.<module>` step loads this first, before
# the step can take Ctrl-C as one line (klyngekrise.build).
