"""What targettrack keeps between runs to go faster, and may lose at any
time: the cache folder (files), the rows `list` drew (rows), the rows a
write changed (rowpatches, appended by rowwrites), each target's exported
JSON (exports), and the report drawn from kept rows (reportrows).

Sits above render/ (it keeps rows render drew); only cli/ imports it.
"""
