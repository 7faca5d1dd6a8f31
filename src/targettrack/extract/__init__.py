"""Targets from text: propose the quantified targets a policy document sets.

Rule-based and explainable (pure: text in, candidates out). Every candidate
says which cue decided its kind and where its deadline came from. One stage
a module:

1. segments: the text is cut into sentences, each with its line and the
   deadline its place in the document gives it: a line that is only a
   deadline governs the list under it, a paragraph's opening date (到2030年，…)
   its later sentences, and a section of targets (二、发展目标) the date its
   first paragraph opens with, until the next heading.
2. deadline: the deadlines a sentence states (到2025年, “十四五”期间, 力争2022年,
   2030年的具体目标, by 2030, a target for 2030; with --year a later year alone,
   今年要…, 用三年时间); a number takes the nearest in its clause (in English
   the one after it), else in its sentence, else its place's.
3. quantities: a number and a unit from a vocabulary built from measures
   (vocabulary), so 一流, 三大, years, dates and article numbers are never
   read as numbers.
4. clause: a number is a target when its clause speaks of the future (cue
   words matched as words), its place gives it a deadline, or it states a
   standing limit; a clause about the past gives an observation instead.
   Its kind comes from the words beside it.
5. titles: what the target is about: the noun after the number, the
   subject before a Chinese verb, and in English the thing said in other
   words (all of them, nought of them, a list sharing the first amount's
   thing, what a sum is spent on).
6. forms: a relative change is a change target from its base year, an average
   growth rate a growth target, "40 TWh a year" a bound on each year; halve,
   double, 翻一番 and net zero are read; counts of the document's own items,
   24/7 and facts about what exists are not targets.
7. document: duplicates (same value, unit, kind, deadline and form) are kept
   once, ids are given, and observations tied to their targets.
"""

from __future__ import annotations

from .candidate import Candidate
from .deadline import deadlines, find_deadline
from .document import beside, extract, slug
from .quantities import quantities
from .segments import segments

__all__ = ["Candidate", "beside", "deadlines", "extract", "find_deadline", "quantities", "segments", "slug"]
