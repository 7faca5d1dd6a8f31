"""`python -m targettrack` runs the CLI."""

from .cli.entry import main

main()
