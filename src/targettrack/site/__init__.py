"""`targettrack site DIR`: a static website of the whole store, as Open SDG
publishes countries' SDG data: an index of plans, a page per plan and per
target in English and Chinese, a search that needs no server, each page's
data as CSV and JSON; relative links only, nothing fetched from any other
host. Built incrementally: a second run rewrites only the pages that changed.

paths: where each file lies; assets: the style sheet and script every page
shares; pages: the index's and a plan's page; targetpage: a target's page;
build: what to draw again, and the writing.

Imports util/, model/, judge/, report/, store/ and render/ (rank 6, beside
cache/, which it never imports).
"""
