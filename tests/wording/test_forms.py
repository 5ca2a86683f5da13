"""wording/forms.py: the template's context."""
import pytest

import perfreport.wording.forms as forms
from perfreport.wording.forms import MadeWhenRead, context


def test_project_forms_are_laid_out_as_the_template_reaches_them(unit, monkeypatch):
    # a 附件3 laid out is some 40 KB of text: 2000 of them made at once held 100 MB
    report, _ = unit("complete")
    indices = sorted(report.project_tables)
    assert len(indices) >= 2
    made = []
    real = forms.project_view
    monkeypatch.setattr(forms, "project_view", lambda r, index, *rest: made.append(index) or real(r, index, *rest))
    project_forms = context(report)["project_forms"]
    assert made == [] and len(project_forms) == len(indices)
    views = iter(project_forms)
    first = next(views)
    assert made == indices[:1]
    assert first["name"] == report.projects[indices[0]].name and first["block"]
    assert [v["name"] for v in views] == [report.projects[i].name for i in indices[1:]]
    assert made == indices


def test_made_when_read_is_a_sequence():
    seen = MadeWhenRead(3, lambda n: {"n": n})
    assert len(seen) == 3 and bool(seen) and not MadeWhenRead(0, dict)
    assert [v["n"] for v in seen] == [0, 1, 2] and seen[-1] == {"n": 2} and seen[0] == {"n": 0}
    with pytest.raises(IndexError):
        seen[3]
    with pytest.raises(IndexError):
        seen[-4]
