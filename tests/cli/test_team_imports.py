"""careermap team on an HR export as a workforce lead runs it: named columns, a mapping
file, a what-if for a named group, and the options' mistakes."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import DATA, Run

HR_EXPORT = DATA / "hr-export.csv"

MAPPING = (DATA / "hr-mapping.yaml").read_text(encoding="utf-8")


def team_json(run: Run, *args: str) -> tuple[int, dict[str, object], str]:
    result = run("team", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout or "{}"), result.stderr


def test_an_hr_export_reads_as_it_is_with_unrecognised_items_listed(run: Run) -> None:
    code, document, warnings = team_json(run, str(HR_EXPORT))
    assert code == 0
    assert document["staff"] == 300
    assert document["skipped"] == []
    unrecognised = document["unrecognised"]
    assert isinstance(unrecognised, list)
    assert {item["spelling"] for item in unrecognised} == {
        "BA (Hons) Social Work", "Lived experience", "Admin Officer", "First aid",
        "SVQ3 Social Services", "Recovery Worker (Bank)", "ILM5 (in progress)",
    }  # fmt: skip
    assert warnings.startswith("careermap: warning: 7 spellings in the staff list")


def test_a_mapping_file_counts_every_spelling(run: Run, tmp_path: Path) -> None:
    mapping = tmp_path / "hr.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    code, document, warnings = team_json(run, str(HR_EXPORT), "--mapping", str(mapping))
    assert code == 0, warnings
    assert document["unrecognised"] == []
    assert warnings == ""
    needs = document["next_step_needs"]
    assert isinstance(needs, list)
    assert needs[0]["code"] == "DIPSM"  # finished in post, not a 4-year degree


def test_columns_named_on_the_command_line(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "export.csv"
    staff.write_text("Who,Certs,Post\nAnn,DIPSM; L3TSM,Case Manager\n", encoding="utf-8")
    args = ("--name-col", "who", "--quals-col", "Certs", "--role-col", "POST")
    code, document, _ = team_json(run, str(staff), *args, "--per-person")
    assert code == 0
    assert document["people"] == [
        {
            "line": 2,
            "name": "Ann",
            "role": "practitioner",
            "eligible": ["recovery-worker", "practitioner"],  # in a role: experience
            "next_steps": [
                {
                    "role": "senior-practitioner",
                    "missing": ["ILM3"],
                    "months": 6,
                    "planned": True,
                }
            ],
            "studying": [],
            "unrecognised": [],
        }
    ]


def test_what_if_for_the_people_in_a_list(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "name,quals,role\n"
        "Ann,DIPSM;L3TSM;ILM3;EXP_SIG,senior-practitioner\n"
        "Bob,DIPSM;L3TSM;ILM3;EXP_SIG,senior-practitioner\n",
        encoding="utf-8",
    )
    candidates = tmp_path / "candidates.txt"
    candidates.write_text("Ann\nZoe\n", encoding="utf-8")
    result = run(
        "team", str(staff), "--plus", "ILM5", "--plus-for", str(candidates), "-f", "markdown"
    )
    assert result.exit_code == 0, result.output
    assert (
        f"What if the people in {candidates} (1 person) gained ILM5: 1 more would be eligible"
        " for a next step. Not in the staff list: Zoe." in result.stdout
    )
    assert "| G | team-leader | Team Leader | 0 | 2 | 1 |" in result.stdout


def test_plus_for_without_plus_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Ann\n", encoding="utf-8")
    result = run("team", str(HR_EXPORT), "--plus-for", str(names))
    assert result.exit_code == 2
    assert result.stderr == (
        "careermap: error: --plus-for names who gains --plus; give --plus CODES too\n"
    )


def test_a_bad_mapping_file_is_one_located_line(run: Run, tmp_path: Path) -> None:
    mapping = tmp_path / "hr.yaml"
    mapping.write_text("quals:\n  SVQ3: L3TMS\n", encoding="utf-8")
    result = run("team", str(HR_EXPORT), "--mapping", str(mapping))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"careermap: error: {mapping}:2: unknown qualification 'L3TMS' (did you mean L3TSM?);"
        " `careermap quals` lists the codes"
    )


def test_output_over_the_mapping_file_is_refused(run: Run, tmp_path: Path) -> None:
    mapping = tmp_path / "hr.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = run("team", str(HR_EXPORT), "--mapping", str(mapping), "-o", str(mapping))
    assert result.exit_code == 2
    assert mapping.read_text(encoding="utf-8") == MAPPING


def test_as_of_counts_study_due_by_that_day(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "name,quals,role,Courses\nAnn,DIPSM;L3TSM;ILM3;EXP_SIG,senior-practitioner,ILM5@2027-06\n",
        encoding="utf-8",
    )
    args = (str(staff), "--studying-col", "courses", "-f", "csv")
    before = run("team", *args, "--as-of", "2027-05-31")
    after = run("team", *args, "--as-of", "2027-06-01")
    assert "role,team-leader,Team Leader,G,0,1,,1," in before.stdout
    assert "role,team-leader,Team Leader,G,1,0,,," in after.stdout


def test_a_bad_as_of_is_a_usage_error(run: Run) -> None:
    result = run("team", str(HR_EXPORT), "--as-of", "June 2027")
    assert result.exit_code == 2
    assert result.stderr == (
        "careermap: error: --as-of 'June 2027': give a day as YYYY-MM-DD, such as 2027-06-30\n"
    )


def test_plus_given_twice_adds_both(run: Run) -> None:
    code, document, _ = team_json(run, str(HR_EXPORT), "--plus", "ILM5", "--plus", "CMI3")
    assert code == 0
    what_if = document["what_if"]
    assert isinstance(what_if, dict)
    assert what_if["codes"] == ["ILM5", "CMI3"]


def test_a_named_role_column_that_is_missing_is_an_error(run: Run) -> None:
    result = run("team", str(HR_EXPORT), "--role-col", "Position")
    assert result.exit_code == 1
    assert result.stderr == (
        f"careermap: error: {HR_EXPORT}:1: the header row has no 'Position' column\n"
    )


def test_one_column_named_for_two_is_an_error(run: Run) -> None:
    result = run("team", str(HR_EXPORT), "--quals-col", "Job Title", "--role-col", "Job Title")
    assert result.exit_code == 1
    assert "one column is named for two of name, quals, role and studying" in result.stderr


def test_a_format_that_cannot_show_a_team_is_refused_before_reading(
    run: Run, tmp_path: Path
) -> None:
    missing = tmp_path / "never-read.csv"
    result = run("team", str(missing), "--format", "mermaid")
    assert result.exit_code == 2
    assert "--format mermaid cannot show a team" in result.stderr


def test_plus_for_names_match_in_any_case_and_spacing(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("name,quals\nAnn Smith,L3TSM\n", encoding="utf-8")
    names = tmp_path / "names.txt"
    names.write_text("ann  SMITH\n", encoding="utf-8")
    code, document, _ = team_json(run, str(staff), "--plus", "ILM5", "--plus-for", str(names))
    assert code == 0
    assert document["what_if"] == {
        "codes": ["ILM5"],
        "group": str(names),
        "staff": 1,
        "not_in_staff_list": [],
        "newly_eligible_for_a_next_step": 0,
    }


def test_plus_for_reads_the_name_column_the_staff_list_uses(run: Run, tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("Staff Member,quals\nAnn Smith,L3TSM\n", encoding="utf-8")
    names = tmp_path / "names.csv"
    names.write_text("Payroll,Staff Member\nE1,Ann Smith\n", encoding="utf-8")
    args = ("--name-col", "Staff Member", "--plus", "ILM5", "--plus-for", str(names))
    code, document, _ = team_json(run, str(staff), *args)
    assert code == 0
    what_if = document["what_if"]
    assert isinstance(what_if, dict)
    assert (what_if["staff"], what_if["not_in_staff_list"]) == (1, [])


def test_standard_input_cannot_be_read_twice(run: Run) -> None:
    result = run("team", "-", "--plus", "ILM5", "--plus-for", "-", input="name,quals\n")
    assert result.exit_code == 2
    assert "cannot both be standard input" in result.stderr
