"""The order the Open XML schema gives the children of the properties we write by hand.

Word checks it: a w:vMerge after w:vAlign, or a w:snapToGrid after w:jc, is "unreadable
content" that Word offers to repair (the Open XML SDK's rules; tests/document/test_word_rules.py runs
them over every report). python-docx keeps the order for what it writes itself; whatever the
template builder or the table writer adds goes through `insert_ordered`.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SEQUENCES = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:trPr": ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
               "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del",
               "w:trPrChange"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:tcPr": ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
               "w:cellDel", "w:cellMerge", "w:tcPrChange"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
                 "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
                 "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                 "w:printerSettings", "w:sectPrChange"),
}
_CLARK = {qn(parent): [qn(tag) for tag in tags] for parent, tags in SEQUENCES.items()}


def insert_ordered(parent, child):
    """Put `child` where the schema wants it among `parent`'s children, replacing one of the
    same name; returns the child."""
    order = _CLARK[parent.tag]
    rank = order.index(child.tag)
    for existing in parent.findall(child.tag):
        parent.remove(existing)
    for position, sibling in enumerate(parent):
        if sibling.tag in order and order.index(sibling.tag) > rank:
            parent.insert(position, child)
            return child
    parent.append(child)
    return child


def element(tag: str, **attributes: str):
    """A w: element with w: attributes: element("w:ind", right="280")."""
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made
