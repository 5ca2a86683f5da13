"""Which pages turn: 附件4–6 stand on a portrait page or, when a table is too wide for one, a
landscape page, and the document's sections change orientation between them.

A Word section ends at the paragraph that carries its properties, so a change of
orientation is a break that closes the previous section with the previous orientation:
`close_before` names it ('portrait' or 'landscape'), or is empty when nothing changes. The
forms before these are portrait; the document's last section takes the orientation of the
last form (`last_landscape` in the template's context).
"""
from __future__ import annotations

from perfreport.layout.measure import LANDSCAPE_TEXT_MM, PORTRAIT_TEXT_MM
from perfreport.layout.own_tables import TableText, needs_landscape, table_xml


def place(forms: list[tuple[TableText, str]]) -> list[dict]:
    """(table, the title printed above it) of each form, in order -> how each is set:
    landscape, the section it closes, and its table's XML at the page's width."""
    placed, previous = [], False
    for table, heading in forms:
        landscape = needs_landscape(table)
        width = LANDSCAPE_TEXT_MM if landscape else PORTRAIT_TEXT_MM
        close_before = "" if landscape == previous else ("landscape" if previous else "portrait")
        placed.append({"landscape": landscape, "close_before": close_before, "table": table_xml(table, width, heading)})
        previous = landscape
    return placed
