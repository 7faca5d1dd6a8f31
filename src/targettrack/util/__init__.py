"""Plumbing every layer may use, and no rule of the domain: the errors a
user can cause and their exit codes (errors), the words a person reads in
English or Chinese (i18n), display width (textwidth), the terminal and the
one-line error (terminal), CSV cells, fast JSON indentation, text files'
encodings, who is recording, and the helpers of the records (frozen: every
immutable record is a typing.NamedTuple).

Imports nothing of targettrack outside util/.
"""
