"""The limit: one plain Python process, no Jupyter, writing every figure and table of the
report with the same package functions the notebooks call.

    python benchmarks/one_process.py OUT_DIR [--language nb]

Prints a JSON line of where its own time went (imports, loading, each step).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from klyngekrise.chapter3 import Survey  # noqa: E402
from klyngekrise.publication import Publication  # noqa: E402
from klyngekrise.text import FIGURES  # noqa: E402

IMPORTED = time.perf_counter()


def main(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--language", default="nb")
    args = parser.parse_args(argv)
    params = {"build_dir": args.out, "language": args.language}
    timings: dict[str, float] = {"imports": IMPORTED - START}

    def timed(name, call):
        t0 = time.perf_counter()
        call()
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0

    holder = {}
    timed("load and validate data", lambda: holder.update(survey=Survey.from_parameters(**params)))
    timed("load and validate data", lambda: holder.update(edition=Publication.from_parameters(**params)))
    survey, edition = holder["survey"], holder["edition"]
    timed("front matter and summaries", lambda: [edition.title_page(), edition.about_edition(),
                                                 *(edition.summary(c) for c in ("1", "2", "5"))])
    timed("tables of chapters 1, 2 and appendix", lambda: [
        edition.table_1(), *(edition.organisations(k)
                             for k in ("table-2-1", "table-2-2", "table-v1", "table-v2"))])
    for key in FIGURES:
        timed("survey figures (compute, draw, save)", lambda key=key: survey.figure(key, *survey.draw(key)))
    timed("Table 3.1", survey.table_3_1)
    timed("chapter 4 cases and figures", lambda: [edition.case(s) for s in
                                                  ("4.1", "4.2", "4.3", "4.4")])
    timed("provenance", edition.provenance)
    timed("audit", survey.audit)
    timings["total in process"] = time.perf_counter() - START
    return timings


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
