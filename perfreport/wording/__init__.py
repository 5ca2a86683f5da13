"""The model in words: the one layer that formats numbers and writes labels and generated
sentences (formats.py: numbers; sections.py: the title and the body; forms.py: the forms
and the template's context). Derive computes, audit checks, this writes."""
from perfreport.wording.forms import context
from perfreport.wording.sections import sections, title_lines

__all__ = ["context", "sections", "title_lines"]
