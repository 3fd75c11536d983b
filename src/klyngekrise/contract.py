"""The data contract's fixed names, in one place (shared/contract/survey-contract.md).

Waves are not here: they are the years a respondent file holds (``survey.waves``). Standard
library only: make's own steps import it before the build's packages are needed.
"""

PROGRAMMES = ("NCE", "Arena")  # the cluster programmes a respondent belongs to
LEVELS = ("forverret", "uendret", "forbedret")  # a q1_* answer, in Figure 3.1's order
TICKS = ("0", "1")  # a tick box: not ticked, ticked
