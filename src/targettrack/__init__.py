"""targettrack: track quantified public-policy targets against their deadlines.

The library is usable without the command line. Its subpackages, each a
layer that imports only the layers before it (tests/test_layers.py):

    util/      errors, the two languages, display width, the terminal
    model/     targets as immutable data; quantities, units, dates, kinds
    judge/     status, projection and order as of a date; plans; selection
    report/    the weekly report as data
    store/     the file: read, write, lock, versions, doctor, git sharing
    extract/   targets found in a policy text
    exchange/  JSON, CSV, Excel in and out; the shipped samples
    render/    text, tables, JSON, CSV, HTML, charts
    cache/     rows and pieces kept between runs
    cli/       the command line, its fast lane and its one error boundary
"""

__version__ = "0.1.0"
