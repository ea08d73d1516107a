"""The columns of a Word table: wide enough for their longest word, together the width of the text."""
from __future__ import annotations

from app.services.documents.docx_writer import BOLD_CHAR_WIDTH, CHAR_WIDTH, column_widths
from app.services.documents.model import Table

WIDTH = 9000


def test_a_column_with_a_long_word_is_wider_than_one_with_numbers():
    table = Table(["Thema", "Laagste", "Mediaan"], [["Representatieve afspiegeling", "1,5", "2,8"]])
    widths = column_widths(table, WIDTH)
    assert sum(widths) == WIDTH
    assert widths[0] >= len("Representatieve") * CHAR_WIDTH     # was a sixth of the page: "Representat" + "ieve"
    assert widths[1] >= len("Laagste") * BOLD_CHAR_WIDTH         # a bold header word fits too
    assert widths[0] > widths[1]


def test_the_totals_row_counts_in_bold():
    table = Table(["Activiteit", "Budget"], [["Training", "€ 18.000"]], footer=["Totaal", "€ 85.000,50"])
    assert column_widths(table, WIDTH)[1] >= len("85.000,50") * BOLD_CHAR_WIDTH


def test_words_too_long_for_the_page_share_it_by_their_length():
    table = Table(["A", "B"], [["x" * 200, "y" * 100]])
    widths = column_widths(table, WIDTH)
    assert sum(widths) == WIDTH and widths[0] > widths[1] > 0
