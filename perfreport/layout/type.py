"""The type sizes of the forms, set once: every width and height of a form is measured from
them (layout/own_tables.py, layout/indicators.py) and the template's form styles are set in them
(templates/build.py), so the forms can be set in another size by changing one figure.

FORM_PT is 五号 (10.5 pt), as the standard forms are printed. PERFREPORT_FORM_PT in the
environment sets another size when the template is built and the forms are laid out (12 is
小四) — for trying a size; the size a report is made in is this file's.
"""
from __future__ import annotations

import os

FORM_PT = float(os.environ.get("PERFREPORT_FORM_PT") or 10.5)   # the forms' text, notes, signature line
FORM_LINE_PT = FORM_PT * 8 / 7                                  # the indicator block's exact line: 12 pt at 五号
CJK_MM = round(FORM_PT * 25.4 / 72, 2)                          # a CJK character is one em: 3.70 mm at 五号
LATIN_MM = round(CJK_MM * 0.514, 2)                             # a digit or Latin letter about half: 1.90 mm
