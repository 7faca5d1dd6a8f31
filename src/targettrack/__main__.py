"""`python -m targettrack` runs the CLI."""

from .cli import main

main()
