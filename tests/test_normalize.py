"""Folding: the fast whole-plane table must fold exactly as the per-character rules."""

from dj_archive.normalize import _TABLE, _is_surrogate, fold, fold_char


def test_fast_fold_equals_per_character_rules_on_the_whole_bmp():
    # _TABLE is the lazy per-character table (fold_char for each code point on first sight).
    differ = [hex(c) for c in range(0x10000) if not _is_surrogate(chr(c)) and fold(chr(c)) != chr(_TABLE[c])]
    assert differ == []


def test_fold_examples():
    assert fold("黨費ＡＢＣ１２３") == "党费abc123"
    assert fold("已经折叠的文本，标点照旧。") == "已经折叠的文本，标点照旧。"
    assert fold("乾隆") == "干隆"  # per character: no phrase context, search stays consistent
    assert fold("") == ""


def test_astral_and_lone_surrogates_take_the_per_character_path():
    assert fold("𝐀学習") == "a学习"  # mathematical bold A folds via NFKC
    assert fold("\ud800黨") == "\ud800党"
    assert len(fold("ＡＢ\U00020000Ｃ")) == len("ＡＢ\U00020000Ｃ")


def test_a_character_whose_lower_case_is_two_characters_is_kept():
    assert fold_char("İ") == "İ"
    assert fold("İSTANBUL") == "İstanbul"
