"""The weekly report as data: what needs attention, what is due, what
changed and what was achieved. build.py makes it from targets; summary.py
holds what the text and Markdown formats draw (light to import).

Imports util/, model/, judge/ and report/. Drawing it is render/'s.
"""
