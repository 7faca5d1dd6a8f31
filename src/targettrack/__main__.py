"""`python -m targettrack` runs the CLI."""

from .entry import main

main()
