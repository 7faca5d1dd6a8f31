"""Targets in and out of other formats: JSON and CSV (formats), a JSON
export read as it arrives (jsonstream, importing), Excel workbooks (xlsx),
a plan's printed table (plantable), and the shipped sample stores
(samples).

Imports util/, model/, judge/, store/, extract/ and exchange/; never render/
or cli/.
"""
