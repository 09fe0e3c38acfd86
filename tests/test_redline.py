"""The platform's word-level differences (power_campaign/redline.py), as the redlines show them."""

from power_campaign.redline import diff_words


def test_diff_words_marks_a_changed_word():
    html = diff_words("The employer will notify the union.", "The employer will promptly notify the union.")

    assert html == "The employer will <ins>promptly </ins>notify the union."


def test_diff_words_replacement_shows_deletion_then_insertion():
    assert diff_words("within 72 hours", "within 24 hours") == "within <del>72</del><ins>24</ins> hours"


def test_diff_words_escapes_markup():
    html = diff_words("a < b & c", "a > b & <script>")

    assert html == "a <del>&lt;</del><ins>&gt;</ins> b &amp; <del>c</del><ins>&lt;script&gt;</ins>"


def test_diff_words_whole_replacement_is_one_deletion_and_one_insertion():
    assert (
        diff_words("old words here", "brand new text") == "<del>old words here</del><ins>brand new text</ins>"
    )


def test_diff_words_spacing_change_alone_is_not_a_change():
    assert diff_words("a  b", "a b") == "a b"
