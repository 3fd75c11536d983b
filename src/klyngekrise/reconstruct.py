"""Derive the reconstructed respondent file from data/published alone.

    python -m klyngekrise.reconstruct          # rewrite data/raw/survey_responses.csv
    python -m klyngekrise.reconstruct --check  # fail if the committed file would change

How (the rules are stated once here and in data/README.md):

1. Every cell (item, wave, response) has one target: the printed table value, else a number
   the text states, else a value chosen within what the text says (``assumed``). Every text
   interval for the cell is a constraint as well, except one the report's own table
   contradicts.
2. Capital access (q1) has its own n per item: every n up to the wave's respondents, and every
   split of n into worse/unchanged/better whose shares round to the targets, is admissible.
   The rule: the largest admissible n (fewest non-answers), then the split nearest the targets.
3. A tick-box question has one n per wave (a respondent answers it by ticking at least one box):
   the largest n at which every item of the question has an admissible count; each item takes
   the count nearest its target.
4. Respondents are assembled deterministically, with no random numbers: see ``_assemble``.
5. The programme column is assumed (the report gives no split): NCE_RESPONDENTS per wave.
   Which respondents carry the report's statements about programmes and named organisations
   is set by CAPITAL_WORSE and PINNED, and every statement in data/published/constraints.csv
   is checked before anything is written.
"""

from __future__ import annotations

import argparse
import io as _io
import sys
from dataclasses import dataclass

import pandas as pd

from klyngekrise import paths, statements
from klyngekrise.io import LEVELS, items, load_published, load_response_rates
from klyngekrise.processing import Interval, audit, interval_of, point_values, tally

# Assumed: the report gives no NCE/Arena split of the respondents (docs/assumptions.md, A7).
NCE_RESPONDENTS = {2009: 11, 2010: 10}

# Who gets 'worse' on capital access first, per wave: §3.1 says most NCEs and a smaller number
# of Arena projects (three named) were worse on most sources in 2010 (constraints P1-P4).
# 2009: no statement, so the NCEs come first, as before.
CAPITAL_WORSE = {2010: {"NCE": 6, "Arena": 3}}

# Answers placed before all others, by position in the wave (0 = the first NCE respondent), so
# that every statement in data/published/constraints.csv holds. Positions, not names: the file
# names no organisation. '1'/'0' tick or leave a box (the respondent answers the question).
_CHANGED, _AS_PLANNED = {"q8_som_planlagt": "0"}, {"q8_som_planlagt": "1"}
PINNED: dict[int, dict[int, dict[str, str]]] = {
    2009: {
        # P5: four NCEs changed their project; P8: three others went as planned.
        0: {**_CHANGED, "q7_mobilitet": "1"}, 1: {**_CHANGED, "q7_mobilitet": "1"},  # P12
        2: _CHANGED, 3: _CHANGED, 4: _AS_PLANNED, 5: _AS_PLANNED, 6: _AS_PLANNED,
    },
    2010: {
        # P14-P15, P21-P22 (§4.1): one NCE worse on banks, new owners and venture capital, better on
        # public schemes; core business and an unchanged main strategy.
        0: {**_CHANGED, "q1_banker": "forverret", "q1_nye_eiere": "forverret",
            "q1_venture": "forverret", "q1_offentlig": "forbedret",
            "q3_kjernevirksomhet": "1", "q6_strategi_fast": "1", "q7_mobilitet": "1",
            # P21-P22: customers and suppliers unticked; cluster collaboration, not new markets.
            "q5_kunder": "0", "q5_leverandorer": "0", "q6_nye_markeder": "0",
            "q6_samarbeid_viktigere": "1"},
        # P16-P19 (§4.3): another NCE: new markets, research relations, collaboration.
        1: {**_CHANGED, "q6_nye_markeder": "1", "q5_fou_nasjonal": "1",
            "q5_fou_internasjonal": "1", "q5_samarbeid_klynge": "1", "q7_mobilitet": "1"},
        # P7, P9: seven NCEs changed their project, five of them worse on most sources.
        2: _CHANGED, 3: _CHANGED, 4: _CHANGED, 5: _CHANGED, 6: _CHANGED,
    },
}


class ReconstructionError(Exception):
    pass


@dataclass(frozen=True)
class Cell:
    target: float  # percent, or a count when is_count
    is_count: bool
    provenance: str
    constraints: tuple[Interval, ...]

    def admits(self, count: int, n: int) -> bool:
        if self.is_count:
            return count == round(self.target)
        share = 100 * count / n
        return share in Interval.around(self.target) and all(share in c for c in self.constraints)

    def distance(self, count: int, n: int) -> float:
        return abs(count - self.target) if self.is_count else abs(100 * count / n - self.target)


def cells(published: pd.DataFrame) -> dict[tuple[str, int, str], Cell]:
    """Target and constraints for every cell the published record covers."""
    text = published[(published["provenance"] == "text") & ~published["contradicts_table"]]
    result = {}
    for _, row in point_values(published).iterrows():
        key = (row["item"], int(row["wave"]), row["response"])
        same = text[(text["item"] == key[0]) & (text["wave"] == key[1])
                    & (text["response"] == key[2]) & (text["unit"] == "percent")]
        result[key] = Cell(float(row["value"]), row["unit"] == "count", row["provenance"],
                           tuple(interval_of(r) for _, r in same.iterrows()))
    return result


def level_candidates(targets: dict[str, Cell], max_n: int) -> list[tuple[int, dict[str, int]]]:
    """Every (n, counts per level) whose shares all round to the targets."""
    found = []
    for n in range(1, max_n + 1):
        for worse in range(n + 1):
            if not targets["forverret"].admits(worse, n):
                continue
            for same in range(n + 1 - worse):
                better = n - worse - same
                if targets["uendret"].admits(same, n) and targets["forbedret"].admits(better, n):
                    found.append((n, {"forverret": worse, "uendret": same, "forbedret": better}))
    return found


def choose_levels(targets: dict[str, Cell], max_n: int, where: str):
    candidates = level_candidates(targets, max_n)
    if not candidates:
        raise ReconstructionError(f"{where}: no n up to {max_n} gives shares that round to the "
                                  "published values")
    largest = max(n for n, _ in candidates)
    at_largest = [c for n, c in candidates if n == largest]
    best = min(at_largest, key=lambda c: sum(targets[k].distance(c[k], largest) for k in LEVELS))
    return largest, best, candidates


def tick_counts(targets: dict[str, Cell], n: int) -> dict[str, int] | None:
    """Nearest admissible count for every item at this n, or None if one item has none."""
    chosen = {}
    for item, cell in targets.items():
        admissible = [c for c in range(n + 1) if cell.admits(c, n)]
        if not admissible:
            return None
        chosen[item] = min(admissible, key=lambda c: (cell.distance(c, n), c))
    return chosen


def choose_ticks(targets: dict[str, Cell], max_n: int, where: str):
    admissible = {n: counts for n in range(1, max_n + 1)
                  if (counts := tick_counts(targets, n)) is not None}
    if not admissible:
        raise ReconstructionError(f"{where}: no n up to {max_n} admits every item's value")
    largest = max(admissible)
    return largest, admissible[largest], sorted(admissible)


def _rotated(sequence: list[int], by: int) -> list[int]:
    if not sequence:
        return []
    by %= len(sequence)
    return sequence[by:] + sequence[:by]


def _interleaved(first: list[int], second: list[int]) -> list[int]:
    merged = []
    for i in range(max(len(first), len(second))):
        merged += [group[i] for group in (first, second) if i < len(group)]
    return merged


def _assemble(wave: int, size: int, plan: dict) -> pd.DataFrame:
    """Respondents of one wave, built from the chosen n and counts.

    - Respondents 1..k are NCE, the rest Arena (k = NCE_RESPONDENTS[wave]).
    - PINNED answers are placed first: they are where the report's statements about programmes
      and named organisations (data/published/constraints.csv) fall. No organisation is named.
    - Capital access: 'worse' goes first to the wave's CAPITAL_WORSE respondents (rotating
      from item to item), then to the other NCEs, then to the other Arena projects; 'better'
      to the last who answer in that order; an item's non-answers fall on the last.
    - Tick boxes: a question's answering respondents are its pinned ones, then the rest in an
      order that alternates NCE and Arena and rotates from question to question; within it,
      items with the largest counts are placed first, each ticking respondents who have no tick
      yet before others, never one pinned not to tick it.
    """
    nce = list(range(NCE_RESPONDENTS[wave]))
    arena = list(range(NCE_RESPONDENTS[wave], size))
    worse_first = CAPITAL_WORSE.get(wave, {"NCE": len(nce), "Arena": 0})
    exposed = nce[:worse_first["NCE"]] + arena[:worse_first["Arena"]]
    others = [w for w in nce + arena if w not in exposed]
    pins = {(who, item): value for who, answers in PINNED.get(wave, {}).items()
            for item, value in answers.items()}
    frame = pd.DataFrame({
        "respondent_id": [f"{wave}-{i + 1:02d}" for i in range(size)],
        "wave": wave,
        "programme": ["NCE" if i in nce else "Arena" for i in range(size)],
    })
    for j, (item, (n, counts)) in enumerate(plan["levels"].items()):
        pinned = {who: v for (who, it), v in pins.items() if it == item}
        order = list(pinned) + [w for w in _rotated(exposed, j) + _rotated(others, j)
                                if w not in pinned]
        answering = order[:n]
        left = {lv: counts[lv] - sum(v == lv for v in pinned.values()) for lv in LEVELS}
        free = [w for w in answering if w not in pinned]
        if min(left.values()) < 0 or len(pinned) > n:
            raise ReconstructionError(f"{item} {wave}: the pinned answers exceed the counts")
        values = [""] * size
        for who, value in pinned.items():
            values[who] = value
        for rank, who in enumerate(free):
            values[who] = ("forverret" if rank < left["forverret"] else
                           "forbedret" if rank >= len(free) - left["forbedret"] else "uendret")
        frame[item] = values
    alternating = _interleaved(nce, arena)
    for q, (question, (n, counts)) in enumerate(plan["ticks"].items()):
        pinned = {(who, it): v for (who, it), v in pins.items() if it in counts}
        first = list(dict.fromkeys(who for who, _ in pinned))
        rest = [w for w in _rotated(alternating, 3 * q) if w not in first]
        answering = sorted((first + rest)[:n])
        if len(first) > n:
            raise ReconstructionError(f"{question} {wave}: more pinned respondents than the "
                                      f"{n} who answer")
        ticked: dict[int, set[str]] = {who: set() for who in answering}
        for (who, item), value in pinned.items():
            if value == "1":
                ticked[who].add(item)
        by_count = sorted(counts, key=lambda it: (-counts[it], list(counts).index(it)))
        for k, item in enumerate(by_count):
            need = counts[item] - sum(item in boxes for boxes in ticked.values())
            order = [w for w in _rotated([w for w in alternating if w in ticked], k)
                     if item not in ticked[w] and pinned.get((w, item)) != "0"]
            order.sort(key=lambda w: len(ticked[w]) > 0)  # stable: untouched respondents first
            if need < 0 or need > len(order):
                raise ReconstructionError(f"{item} {wave}: the pinned ticks do not fit the "
                                          f"count {counts[item]}")
            for who in order[:need]:
                ticked[who].add(item)
        if any(not boxes for boxes in ticked.values()):
            raise ReconstructionError(f"{question} {wave}: counts add up to fewer ticks than "
                                      f"the {n} respondents who answered")
        for item in plan["question_items"][question]:
            if item not in counts:
                frame[item] = ""  # not asked this wave
                continue
            frame[item] = ["" if who not in ticked else ("1" if item in ticked[who] else "0")
                           for who in range(size)]
    return frame


def plan_wave(wave: int, size: int, targets: dict) -> tuple[dict, list[str]]:
    """The chosen n and counts for every item of one wave, and a log of the alternatives."""
    book = items()
    plan: dict = {"levels": {}, "ticks": {}, "question_items": {}}
    log = []
    for item in book.index[book["type"] == "level"]:
        level_targets = {lv: targets[(item, wave, lv)] for lv in LEVELS}
        n, counts, candidates = choose_levels(level_targets, size, f"{item} {wave}")
        plan["levels"][item] = (n, counts)
        options = "; ".join(f"n={m}: {c['forverret']}/{c['uendret']}/{c['forbedret']}"
                            for m, c in candidates)
        log.append(f"| {item} | {wave} | {len(candidates)} | {options} | n={n}: "
                   f"{counts['forverret']}/{counts['uendret']}/{counts['forbedret']} |")
    for question in dict.fromkeys(book.loc[book["type"] == "tick", "question"]):
        question_items = list(book.index[book["question"] == question])
        plan["question_items"][question] = question_items
        tick_targets = {it: targets[(it, wave, "ticked")] for it in question_items
                        if (it, wave, "ticked") in targets}
        n, counts, options = choose_ticks(tick_targets, size, f"{question} {wave}")
        plan["ticks"][question] = (n, counts)
        chosen = ", ".join(f"{it}={c}" for it, c in counts.items())
        log.append(f"| {question} | {wave} | {len(options)} | n in {options} | n={n}: {chosen} |")
    return plan, log


def reconstruct() -> tuple[str, str]:
    """The respondent file's text and the reconstruction log (Markdown)."""
    published = load_published()
    targets = cells(published)
    rates = load_response_rates().set_index("wave")["respondents"]
    frames, log = [], []
    for wave, size in rates.items():
        plan, wave_log = plan_wave(int(wave), int(size), targets)
        frames.append(_assemble(int(wave), int(size), plan))
        log += wave_log
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[list(items().index.insert(0, "programme").insert(0, "wave")
                       .insert(0, "respondent_id"))]
    text = frame.to_csv(index=False, lineterminator="\n")
    checked = _verify(text, published)
    return text, _log_markdown(log) + _constraints_markdown(checked)


def _verify(text: str, published: pd.DataFrame) -> pd.DataFrame:
    from klyngekrise.io import _typed  # same typing as loading a file

    responses = _typed(pd.read_csv(_io.StringIO(text), dtype=str, keep_default_na=False))
    result = audit(published, tally(responses, list(items().index)))
    bad = result[result["verdict"].isin(["differs", "not computed"])]
    if not bad.empty:
        raise ReconstructionError("reconstruction misses published values:\n"
                                  + bad.to_string(index=False))
    checked = statements.check_constraints(responses)
    failed = statements.failures(responses)
    if failed:
        raise ReconstructionError("statements about programmes fail (data/published/"
                                  "constraints.csv):\n" + "\n".join(failed))
    return checked


def _constraints_markdown(checked: pd.DataFrame) -> str:
    lines = ["", "## Statements about programmes and named organisations", "",
             "Every row of `data/published/constraints.csv`, computed on the file above.", "",
             "| id | wave | section | computed | holds |", "|---|---|---|---|---|"]
    lines += [f"| {r['id']} | {r['wave']} | {r['section']} | {r['computed']} | "
              f"{'yes' if r['holds'] else 'no'} |" for _, r in checked.iterrows()]
    return "\n".join(lines) + "\n"


def _log_markdown(rows: list[str]) -> str:
    header = [
        "# How the respondent file was reconstructed",
        "",
        "Generated by `python -m klyngekrise.reconstruct`; do not edit by hand.",
        "",
        "For capital access (q1), every n up to the wave's respondents and every split",
        "worse/unchanged/better whose shares round to the published (or chosen) values is listed;",
        "the row count says how many the published numbers admit (0 would mean the printed",
        "table is inconsistent). For each tick-box question, the n at which every item's value",
        "is admissible. The last column is the choice: the largest n, then the nearest counts.",
        "",
        "| item or question | wave | admissible | options | chosen |",
        "|---|---|---|---|---|",
    ]
    return "\n".join(header + rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the committed files differ from a fresh reconstruction")
    args = parser.parse_args(argv)
    text, log = reconstruct()
    outputs = {paths.RAW_RESPONSES: text, paths.DATA_DIR / "reconstruction.md": log}
    if args.check:
        stale = [str(p) for p, t in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != t]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    for path, content in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(paths.PROJ_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
