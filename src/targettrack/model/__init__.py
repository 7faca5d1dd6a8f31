"""Targets as plain, immutable data and the pure functions that read
what people write: quantities and units (quantity), deadlines and periods
(dates, clock), the words around a value (qualifiers), a store's settings,
the kinds of target (kinds), values per kind (values), which periods a
value is for (timing), what a change or growth target measures (forms),
and changes to a target as functions (operations).

Imports only util/ and model/. No file, no terminal.
"""
