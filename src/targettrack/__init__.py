"""targettrack: track quantified public-policy targets against their deadlines.

The library is usable without the command line: `quantity` and `dates` parse
what people write, `model` holds targets as plain immutable data, `assess`
judges them as of a date, `store` is the only module that touches the file,
and `render` turns results into text, JSON or CSV.
"""

__version__ = "0.1.0"
