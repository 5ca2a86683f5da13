from decimal import Decimal as D

from perfreport.derive.figures import Figure, add, add_all, add_present, subtract


def test_a_given_figure_is_printed_as_given_even_when_its_parts_differ():
    figure = Figure("全年执行数", given=D("821.17"), derived=D("821.16"))
    assert (figure.value, figure.source, figure.disagrees) == (D("821.17"), "given", True)


def test_without_a_given_figure_the_derived_one_is_used():
    figure = Figure("全年执行数", derived=D("821.16"))
    assert (figure.value, figure.source, figure.disagrees) == (D("821.16"), "derived", False)


def test_neither_is_not_known():
    figure = Figure("全年执行数")
    assert (figure.value, figure.known, figure.source, figure.disagrees) == (None, False, "", False)


def test_equal_amounts_written_differently_agree():
    assert not Figure("x", given=D("120.5"), derived=D("120.50")).disagrees


def test_a_sum_with_a_part_not_known_is_not_known():
    assert add(D(1), None) is None
    assert add(D(1), D("2.5")) == D("3.5")
    assert add(1, 2) == 3 and isinstance(add(1, 2), int)
    assert add_all([]) is None
    assert subtract(D(10), D(3), None) is None and subtract(D(10), D(3)) == D(7)


def test_form_lines_left_blank_count_as_nothing_spent():
    assert add_present([None, D("0.13")]) == D("0.13")
    assert add_present([None, None]) is None
