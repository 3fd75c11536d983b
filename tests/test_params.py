"""The report parameter file: every bad key or value is named with what is allowed."""

import pytest

from klyngekrise import params, paths
from klyngekrise.errors import InputError
from klyngekrise.params import DEFAULTS, check, parse_override, read_file


def test_shipped_parameter_file_is_valid_and_complete():
    given = read_file(paths.PARAMS_FILE)
    assert set(given) == set(DEFAULTS)
    check(given, "report.yml")


def test_unknown_key_is_named_with_the_allowed_keys():
    with pytest.raises(InputError) as err:
        check({"langauge": "nb"}, "report.yml")
    assert "report.yml: unknown key 'langauge'" in str(err.value)
    assert "language" in str(err.value)


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [("language", "de", "nb, en"), ("programme", "nce", "all, NCE, Arena"),
     ("figure_formats", ["svg"], "includes png"), ("figure_formats", ["png", "gif"], "png, svg"),
     ("draw_intervals", "yes", "true or false"), ("data_path", "", "respondent CSV")],
)
def test_bad_value_is_named_with_what_is_allowed(key, value, allowed):
    with pytest.raises(InputError) as err:
        check({key: value}, "report.yml")
    message = str(err.value)
    assert f"key {key!r}" in message and allowed in message


def test_overrides_parse_yaml_but_keep_paths_as_text():
    assert parse_override("draw_intervals=false") == ("draw_intervals", False)
    assert parse_override("figure_formats=[png, pdf]") == ("figure_formats", ["png", "pdf"])
    assert parse_override("data_path=2010.csv") == ("data_path", "2010.csv")
    with pytest.raises(InputError, match="expected key=value"):
        parse_override("language")


def test_parameter_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "report.yml"
    path.write_text("- nb\n- en\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected key: value"):
        read_file(path)


def test_the_makefile_allows_the_languages_and_programmes_params_allows():
    """make checks EDITION and PROGRAMME before anything runs (they name paths); its lists are
    params' own, one definition kept in step by this test."""
    makefile = (paths.PROJ_ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"$(filter {' '.join(params.LANGUAGES)},$(EDITION))" in makefile
    assert f"allowed: {', '.join(params.LANGUAGES)})" in makefile
    assert f"$(filter {' '.join(params.PROGRAMME_CHOICES)},$(value PROGRAMME))" in makefile
    assert f"allowed: {', '.join(params.PROGRAMME_CHOICES)})" in makefile
