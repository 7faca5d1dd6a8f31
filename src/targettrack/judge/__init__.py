"""Judging targets as of a date, and choosing what a view shows: the
status, projection and urgency of a target (assess), the statuses and sort
orders (statuses), the days a judgement can change (changedays), plans
judged together (plans), filters and counts (selection), and the flat
record of a target and its judgement that scripts read (listrecord).

Imports util/, model/ and judge/. Pure: no file, no terminal.
"""
