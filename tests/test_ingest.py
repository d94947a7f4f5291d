"""Reading HR exports: rows of tables in, checked records and every rejected row out."""

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest

from samcore import (
    TABLES,
    VALUE_WORDS,
    Answer,
    Certification,
    Checklist,
    ChecklistItem,
    Dataset,
    DatasetError,
    Delegation,
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Incident,
    IncidentKind,
    Ingested,
    IngestError,
    IngestProblem,
    InvalidValueError,
    Measure,
    MeasureStatus,
    OrgTree,
    OrgUnit,
    ProblemCode,
    QuestionnaireAnswer,
    SamcoreError,
    SickLeavePeriod,
    dataset_from_tables,
    read_checklists,
    read_records,
    read_risks,
)
from samcore._ingest_wide import WIDE


def rows(text: str, delimiter: str = ";") -> list[dict[str, Any]]:
    """The rows of CSV text as csv.DictReader gives them."""
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def found(problems: tuple[IngestProblem, ...]) -> list[tuple[int | None, str | None, str]]:
    """Each problem's row, field and code."""
    return [(p.row, p.field, p.code.value) for p in problems]


EMPLOYEES = """Anställningsnummer;Kön;Födelsedatum;Befattning
1001;K;1980-02-03;Förskollärare
1002;Man;19751130;
1003;kvinna;1990-03-01 00:00:00;Barnskötare
1004;Q;1985-01-01;
1005;M;1985-13-01;
1006;;;
1007; ej angivet ;;
"""

EMPLOYMENTS = """employee_id;unit_id;start;end;fte;weekly_hours
1001;100;2020-01-01;;100;40
1002;100;2019-05-01;2024-06-30;75 %;37,5
1003;100;2021-08-01;;0,5;38,25
1007;100;2024-02-01;2024-01-31;100;40
1001;200;2024-01-01;;1,5;40
1003;100;2022-01-01;;50;fyrtio
"""


class TestReadRecords:
    """read_records converts what exports contain and rejects, row by row, what it cannot."""

    def test_employees_with_swedish_words_and_renamed_columns(self) -> None:
        """Swedish genders, compact and datetime-like dates and renamed columns read; bad rows are rejected."""
        got = read_records(
            rows(EMPLOYEES),
            Employee,
            columns={"Anställningsnummer": "id", "Kön": "gender", "Födelsedatum": "birth_date"},
        )
        assert [
            ("1001", Gender.WOMAN, date(1980, 2, 3)),
            ("1002", Gender.MAN, date(1975, 11, 30)),
            ("1003", Gender.WOMAN, date(1990, 3, 1)),
            ("1007", Gender.UNSPECIFIED, None),
        ] == [(e.id, e.gender, e.birth_date) for e in got.records]
        assert (1, 2, 3, 7) == got.rows
        assert [
            (4, "gender", "unknown_value"),
            (5, "birth_date", "bad_date"),
            (6, "gender", "missing"),
        ] == found(got.rejects)
        assert ("Befattning",) == got.ignored_columns
        assert "Q" == got.rejects[0].value
        assert not got.ok

    def test_employments_with_decimal_commas_and_percent_extents(self) -> None:
        """Percent and fraction ftes and decimal-comma hours read; end before start is 'invalid'."""
        got = read_records(rows(EMPLOYMENTS), Employment)
        assert [
            ("1001", 1.0, 40.0, None),
            ("1002", 0.75, 37.5, date(2024, 6, 30)),
            ("1003", 0.5, 38.25, None),
        ] == [(e.employee_id, e.fte, e.weekly_hours, e.end) for e in got.records]
        assert [
            (4, "end", "invalid"),
            (5, "fte", "bad_number"),
            (6, "weekly_hours", "bad_number"),
        ] == found(got.rejects)
        assert "2024-01-31" == got.rejects[0].value
        assert "must be on or after start" in got.rejects[0].message

    def test_every_bad_cell_of_a_row_is_named(self) -> None:
        """A row with several bad cells gives one problem per cell, in field order."""
        got = read_records(
            [{"employee_id": "", "start": "1/3/2024", "end": "2024-03-05", "extent": "halv"}],
            SickLeavePeriod,
        )
        assert [
            (1, "employee_id", "missing"),
            (1, "start", "bad_date"),
            (1, "extent", "bad_number"),
        ] == found(got.rejects)
        assert () == got.records

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            ("50", 0.5),
            ("50 %", 0.5),
            ("50%", 0.5),
            ("0,5", 0.5),
            ("0.25", 0.25),
            ("1", 1.0),
            ("100", 1.0),
            ("37,5", 0.375),
            ("5", 0.05),
            (75, 0.75),
            (0.75, 0.75),
        ],
    )
    def test_shares(self, cell: object, expected: float) -> None:
        """A share is a fraction up to 1 or a percentage, with or without a % sign."""
        got = read_records(
            [{"employee_id": "e1", "start": "2024-01-01", "end": "2024-01-02", "extent": cell}],
            SickLeavePeriod,
        )
        assert [expected] == [p.extent for p in got.records]

    @pytest.mark.parametrize("cell", ["1,5", "4", "abc", "1.234,5", "50 timmar", True])
    def test_bad_shares(self, cell: object) -> None:
        """An ambiguous share (above 1, below 5, no %) or no number at all is 'bad_number'."""
        got = read_records(
            [{"employee_id": "e1", "start": "2024-01-01", "end": "2024-01-02", "extent": cell}],
            SickLeavePeriod,
        )
        assert [(1, "extent", "bad_number")] == found(got.rejects)

    def test_percent_sign_only_for_shares(self) -> None:
        """A number of hours written with % is not a number."""
        got = read_records(
            [
                {
                    "employee_id": 1,
                    "unit_id": 2,
                    "day": "2024-01-01",
                    "hours": "50 %",
                    "kind": "Mertid",
                }
            ],
            ExtraTime,
        )
        assert [(1, "hours", "bad_number")] == found(got.rejects)

    @pytest.mark.parametrize(
        "cell",
        [
            date(2024, 3, 1),
            datetime(2024, 3, 1, 0, 0),
            datetime(2024, 3, 1, 13, 45),
            "2024-03-01",
            " 2024-03-01 ",
            "2024-03-01 00:00:00",
            "2024-03-01T00:00",
            "2024-03-01 00:00:00.000",
            "20240301",
            20240301,
        ],
    )
    def test_dates(self, cell: object) -> None:
        """Dates, datetimes and date-like text all give the day."""
        got = read_records([{"person_id": "m1", "certified_on": cell}], Certification)
        assert [date(2024, 3, 1)] == [c.certified_on for c in got.records]

    @pytest.mark.parametrize(
        "cell", ["2024-02-30", "01/03/2024", "2024-3-1", "mars 2024", "2024-03-01+01:00", 1.5]
    )
    def test_bad_dates(self, cell: object) -> None:
        """Anything else is 'bad_date', with the value in the problem."""
        got = read_records([{"person_id": "m1", "certified_on": cell}], Certification)
        assert [(1, "certified_on", "bad_date")] == found(got.rejects)
        assert str(cell) == got.rejects[0].value

    def test_numeric_ids_are_text(self) -> None:
        """Ids exported as numbers (17, or 17.0 from a column with gaps) read as their digits."""
        got = read_records(
            [
                {"employee_id": 17, "unit_id": 100.0, "start": "2024-01-01"},
                {"employee_id": " e18 ", "unit_id": "100", "start": "2024-01-01"},
            ],
            Employment,
        )
        assert [("17", "100"), ("e18", "100")] == [(e.employee_id, e.unit_id) for e in got.records]

    @pytest.mark.parametrize(
        ("word", "gender"),
        [
            ("K", Gender.WOMAN),
            ("Kvinna", Gender.WOMAN),
            ("kvinna", Gender.WOMAN),
            ("woman", Gender.WOMAN),
            ("M", Gender.MAN),
            ("Man", Gender.MAN),
            ("man", Gender.MAN),
            ("MAN", Gender.MAN),
            ("Ej angivet", Gender.UNSPECIFIED),
            ("okänt", Gender.UNSPECIFIED),
            ("unspecified", Gender.UNSPECIFIED),
            (Gender.MAN, Gender.MAN),
        ],
    )
    def test_gender_words(self, word: object, gender: Gender) -> None:
        """Swedish and English gender words read, ignoring case."""
        got = read_records([{"id": "e1", "gender": word}], Employee)
        assert [gender] == [e.gender for e in got.records]

    def test_incident_words(self) -> None:
        """Incident kinds and yes/no words read from Swedish."""
        kinds = ["Tillbud", "Arbetsolycksfall", "Färdolycksfall", "Arbetssjukdom"]
        serious = ["Ja", "Nej", "true", "0"]
        got = read_records(
            [
                {"id": n, "unit_id": "u", "occurred_on": "2024-05-02", "kind": k, "serious": s}
                for n, (k, s) in enumerate(zip(kinds, serious, strict=True))
            ],
            Incident,
        )
        assert [
            (IncidentKind.NEAR_MISS, True),
            (IncidentKind.ACCIDENT, False),
            (IncidentKind.COMMUTING_ACCIDENT, True),
            (IncidentKind.OCCUPATIONAL_DISEASE, False),
        ] == [(i.kind, i.serious) for i in got.records]

    def test_answers_and_extra_time_words(self) -> None:
        """Ja/Nej/Delvis/Ej aktuellt and Mertid/Fyllnadstid/Övertid read."""
        answers = read_records(
            [
                {"unit_id": "u", "year": "2024", "question_id": "q", "answer": word}
                for word in ("Ja", "Nej", "Delvis", "Ej aktuellt")
            ],
            QuestionnaireAnswer,
        )
        assert [Answer.YES, Answer.NO, Answer.PARTLY, Answer.NOT_APPLICABLE] == [
            a.answer for a in answers.records
        ]
        extra = read_records(
            [
                {"employee_id": "e", "unit_id": "u", "day": "2024-01-02", "hours": "1", "kind": k}
                for k in ("Mertid", "Fyllnadstid", "Övertid")
            ],
            ExtraTime,
        )
        assert [ExtraTimeKind.ADDITIONAL, ExtraTimeKind.ADDITIONAL, ExtraTimeKind.OVERTIME] == [
            e.kind for e in extra.records
        ]

    def test_employment_types_and_end_reasons(self) -> None:
        """Tillsvidare/visstid/timavlönad and pension/egen begäran/avslutad visstid/annat read."""
        got = read_records(
            rows(
                "employee_id;unit_id;start;end;employment_type;end_reason\n"
                "1;u;2000-01-01;2024-03-31;Tillsvidare;Pension\n"
                "2;u;2020-01-01;2024-04-30;tillsvidareanställning;Egen begäran\n"
                "3;u;2024-01-08;2024-06-14;Visstid;Avslutad visstid\n"
                "4;u;2024-01-08;2024-06-14;Vikariat;Anställningen upphörde\n"
                "5;u;2024-02-01;2024-09-30;Timavlönad;Annat\n"
                "6;u;2024-02-01;;timanställd;\n"
                "7;u;2024-02-01;2024-09-30;fixed_term;end_of_contract\n"
                "8;u;2024-02-01;;;\n"
            ),
            Employment,
        )
        permanent, fixed, hourly = EmploymentType
        assert [
            (permanent, EndReason.RETIREMENT),
            (permanent, EndReason.RESIGNATION),
            (fixed, EndReason.END_OF_CONTRACT),
            (fixed, EndReason.END_OF_CONTRACT),
            (hourly, EndReason.OTHER),
            (hourly, None),
            (fixed, EndReason.END_OF_CONTRACT),
            (permanent, None),
        ] == [(e.employment_type, e.end_reason) for e in got.records]
        assert () == got.rejects

    def test_bad_employment_type_and_reason_without_end(self) -> None:
        """An unknown form of employment is named; a reason on an ongoing employment is invalid."""
        got = read_records(
            [
                {
                    "employee_id": "1",
                    "unit_id": "u",
                    "start": "2024-01-01",
                    "employment_type": "Fast",
                },
                {
                    "employee_id": "2",
                    "unit_id": "u",
                    "start": "2024-01-01",
                    "end_reason": "Pension",
                },
            ],
            Employment,
        )
        assert [(1, "employment_type", "unknown_value"), (2, "end_reason", "invalid")] == found(
            got.rejects
        )

    def test_personnel_group_of_an_employment(self) -> None:
        """The optional personnel_group column is read, trimmed; an empty cell leaves it None."""
        got = read_records(
            rows(
                "employee_id;unit_id;start;personnel_group\n"
                "1;u;2020-01-01; Barnskötare \n"
                "1;v;2024-03-01;\n"
            ),
            Employment,
        )
        assert ["Barnskötare", None] == [e.personnel_group for e in got.records]
        assert () == got.rejects

    def test_value_words_can_be_added_and_redirected(self) -> None:
        """values= adds words and wins over the defaults; the defaults stay as they were."""
        words: dict[type, dict[str, object]] = {
            Gender: {"Kv": Gender.WOMAN, "X": "man"},
            bool: {"J": True},
        }
        got = read_records(
            [{"id": "1", "gender": "kv"}, {"id": "2", "gender": "X"}], Employee, values=words
        )
        assert [Gender.WOMAN, Gender.MAN] == [e.gender for e in got.records]
        assert Gender.UNSPECIFIED == VALUE_WORDS[Gender]["X"]
        unknown = read_records([{"id": "1", "gender": "Kv"}], Employee)
        assert [(1, "gender", "unknown_value")] == found(unknown.rejects)
        assert "add words with values=" in unknown.rejects[0].message

    @pytest.mark.parametrize(
        "values",
        [{Gender: {"K": "kvinna"}}, {bool: {"J": "ja"}}, {str: {"a": "b"}}, {Gender: {1: "man"}}],
    )
    def test_bad_value_words_raise(self, values: Any) -> None:
        """A value map that names no value of its type is a usage error, raised at once."""
        with pytest.raises(InvalidValueError, match="values"):
            read_records([], Employee, values=values)

    def test_measure_status_words(self) -> None:
        """Avslutad, Pågående, Planerad and Avbruten read as measure statuses."""
        assert {
            "Avslutad": MeasureStatus.DONE,
            "Pågående": MeasureStatus.IN_PROGRESS,
            "Planerad": MeasureStatus.PLANNED,
            "Avbruten": MeasureStatus.CANCELLED,
        } == {
            word: VALUE_WORDS[MeasureStatus][word]
            for word in ("Avslutad", "Pågående", "Planerad", "Avbruten")
        }

    def test_defaults_for_missing_optional_cells(self) -> None:
        """An empty optional cell takes the field's default; a required one is 'missing'."""
        got = read_records(
            rows("employee_id,unit_id,start,fte\ne1,u,2024-01-01,\n", delimiter=","), Employment
        )
        assert [1.0] == [e.fte for e in got.records]

    def test_lists_of_text(self) -> None:
        """A delegation's tasks are separated by |."""
        got = read_records(
            [
                {
                    "id": "d",
                    "unit_id": "u",
                    "delegator_id": 1,
                    "delegate_id": 2,
                    "tasks": "Rehab | Ronder|",
                }
            ],
            Delegation,
        )
        assert [("Rehab", "Ronder")] == [d.tasks for d in got.records]

    def test_a_row_longer_than_the_header(self) -> None:
        """Cells beyond the header's columns reject the row as 'extra_values'."""
        got = read_records(
            rows("person_id,certified_on\nm1,2024-01-01,x\nm2,2024-01-02\n", ","), Certification
        )
        assert [(1, None, "extra_values")] == found(got.rejects)
        assert ("m2",) == tuple(c.person_id for c in got.records)

    def test_two_columns_for_one_field(self) -> None:
        """Two columns renamed to one field must agree (as text) where both are filled."""
        got = read_records(
            [
                {"id": "e1", "Kön": "K", "gender": " K"},
                {"id": "e2", "Kön": "", "gender": "M"},
                {"id": "e3", "Kön": "K", "gender": "M"},
            ],
            Employee,
            columns={"Kön": "gender"},
        )
        assert ["e1", "e2"] == [e.id for e in got.records]
        assert [(3, "gender", "conflict")] == found(got.rejects)

    def test_dataframe_rows(self) -> None:
        """pandas rows read: NaN and NaT are missing, numpy numbers and Timestamps convert."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "employee_id": [17, 18, 19],
                "start": pd.to_datetime(["2024-01-01", "2024-02-01", None]),
                "end": pd.to_datetime(["2024-01-05", "2024-02-03", "2024-02-03"]),
                "extent": [100, 50, None],
            }
        )
        got = read_records(frame.to_dict("records"), SickLeavePeriod)
        assert [("17", date(2024, 1, 1), 1.0), ("18", date(2024, 2, 1), 0.5)] == [
            (p.employee_id, p.start, p.extent) for p in got.records
        ]
        assert [(3, "start", "missing")] == found(got.rejects)

    def test_rows_must_be_mappings(self) -> None:
        """Iterating a DataFrame itself (its column names) is a usage error."""
        with pytest.raises(InvalidValueError, match="to_dict"):
            read_records(["employee_id", "start"], SickLeavePeriod)  # type: ignore[list-item]

    def test_only_record_classes(self) -> None:
        """A class that is no record, or whose required fields are no cells, is refused."""
        with pytest.raises(InvalidValueError, match="attrs record class"):
            read_records([], dict)
        with pytest.raises(InvalidValueError, match="'units' is not"):
            read_records([], OrgTree)

    def test_ingested_checks_its_rows(self) -> None:
        """Ingested names one row per record."""
        with pytest.raises(InvalidValueError, match="one row per record"):
            Ingested(records=[Certification(person_id="m", certified_on=date(2024, 1, 1))])


RISKS = """id;unit_id;title;identified_on;probability;consequence;category;reported_onward;measure_title;measure_status;measure_due;measure_completed_on
R1;100;Hot och våld;2024-02-01;3;5;Hot och våld;Ja;Larm;Avslutad;2024-05-31;2024-05-02
R1;100;Hot och våld;2024-02-01;3;5;Hot och våld;Ja;Utbildning;Planerad;2024-12-31;
R2;100;Buller;2024-03-01;2;2;;Nej;;;;
R1;100;Hot och våld;2024-02-01;3;4;Hot och våld;Ja;Rutin;Pågående;;
R3;200;Stress;2024-01-10;3;3;OSA;Nej;Avlastning;Avslutad;2024-06-30;
R1;100;Hot och våld;2024-02-01;3;5;Hot och våld;ja;Bemanning;Pågående;;
R4;200;Halka;2024-01-10;0;3;;Nej;Sandning;Planerad;;
R4;200;Halka;2024-01-10;0;3;;Nej;Skor;Planerad;;
"""


class TestReadRisks:
    """read_risks groups one-measure-per-row exports into risks with their measures."""

    def test_grouping_and_rejects(self) -> None:
        """Rows of one id make one risk; conflicts, bad measures and refused risks are rejected by row."""
        got = read_risks(rows(RISKS))
        assert [
            ("R1", 15, ("Larm", "Utbildning", "Bemanning")),
            ("R2", 4, ()),
        ] == [(r.id, r.level, tuple(m.title for m in r.measures)) for r in got.records]
        assert (1, 3) == got.rows
        assert [
            (4, "consequence", "conflict"),
            (5, "measure_completed_on", "invalid"),
            (7, "probability", "invalid"),
        ] == found(got.rejects)
        conflict, measure, refused = got.rejects
        assert (1,) == conflict.related_rows
        assert "4" == conflict.value
        assert "'done'" in measure.message
        assert (8,) == refused.related_rows

    def test_column_renames_reach_the_measures(self) -> None:
        """Renamed columns may be risk or measure fields."""
        got = read_risks(
            [
                {
                    "Risk-id": "R",
                    "unit_id": "u",
                    "Risk": "Buller",
                    "identified_on": "2024-01-01",
                    "probability": 2,
                    "consequence": 3,
                    "Åtgärd": "Hörselskydd",
                    "Status": "Pågående",
                }
            ],
            columns={
                "Risk-id": "id",
                "Risk": "title",
                "Åtgärd": "measure_title",
                "Status": "measure_status",
            },
        )
        assert [("Buller", "Hörselskydd", MeasureStatus.IN_PROGRESS)] == [
            (r.title, r.measures[0].title, r.measures[0].status) for r in got.records
        ]


class TestReadChecklists:
    """read_checklists groups one-question-per-row exports into checklists."""

    def test_grouping(self) -> None:
        """Each checklist has its items in row order; a bad answer rejects only its row."""
        text = """id;unit_id;topic;performed_on;safety_representative_participated;item_question;item_answer;item_comment
C1;100;OSA;2024-04-10;Ja;Finns rutin?;Nej;Saknas kvällstid
C1;100;OSA;2024-04-10;Ja;Känd rutin?;Kanske;
C1;100;OSA;2024-04-10;Ja;Larm?;Ej aktuellt;
C2;200;Fysisk;2024-05-01;Nej;;;
"""
        got = read_checklists(rows(text))
        assert [("C1", True, ("Finns rutin?", "Larm?")), ("C2", False, ())] == [
            (c.id, c.safety_representative_participated, tuple(i.question for i in c.items))
            for c in got.records
        ]
        assert [(2, "item_answer", "unknown_value")] == found(got.rejects)
        assert isinstance(got.records[0], Checklist)


UNITS = [
    {"id": "k", "name": "Kommunen", "parent_id": ""},
    {"id": "a", "name": "Förskolan", "parent_id": "k"},
]


def tables(**extra: Any) -> dict[str, Any]:
    """A small set of tables, with any table replaced."""
    base: dict[str, Any] = {
        "units": UNITS,
        "employees": rows("id;gender\n1;K\n2;M\n3;kvinna\n"),
        "employments": rows(
            "employee_id;unit_id;start;fte\n1;a;2020-01-01;100\n2;a;2020-01-01;50 %\n3;k;2021-01-01;0,8\n"
        ),
        "sick_leave": rows(
            "employee_id;start;end;extent\n1;2024-01-08;2024-01-12;100\n2;2024-02-01;2024-02-10;50\n"
        ),
    }
    base.update(extra)
    return base


def problems_of(
    given: dict[str, Any], **options: Any
) -> list[tuple[str | None, int | None, str | None, str]]:
    """The table, row, field and code of each problem dataset_from_tables finds."""
    with pytest.raises(IngestError) as caught:
        dataset_from_tables(given, **options)
    return [(p.table, p.row, p.field, p.code.value) for p in caught.value.details]


class TestDatasetFromTables:
    """dataset_from_tables reads every table and lists every problem in one error."""

    def test_clean_tables(self) -> None:
        """Clean tables make a dataset with every record."""
        data = dataset_from_tables(tables())
        assert isinstance(data, Dataset)
        assert ["k", "a"] == [u.id for u in data.org.units]
        assert [1.0, 0.5, 0.8] == [e.fte for e in data.employments]
        assert 2 == len(data.sick_leave)

    def test_every_problem_at_once(self) -> None:
        """Row problems, unknown ids, overlaps and unknown columns come together, by table and row."""
        given = tables(
            employees=rows("id;gender;namn\n1;K;Anna\n2;M;Nils\n3;X\n4;Q\n"),
            sick_leave=rows(
                "employee_id;start;end;extent\n"
                "1;2024-01-08;2024-01-12;100\n"
                "9;2024-01-08;2024-01-12;100\n"
                "2;2024-02-01;2024-02-10;50\n"
                "1;2024-01-12;2024-01-20;100\n"
                "4;2024-01-01;2024-01-02;100\n"
                "3;2024-03-05;2024-03-01;100\n"
            ),
        )
        assert [
            ("employees", None, None, "unknown_column"),
            ("employees", 4, "gender", "unknown_value"),
            ("sick_leave", 1, None, "inconsistent"),
            ("sick_leave", 2, "employee_id", "unknown_id"),
            ("sick_leave", 6, "end", "invalid"),
        ] == problems_of(given)

    def test_overlap_names_both_rows(self) -> None:
        """An overlap found by Dataset is told by the rows of both periods."""
        given = tables(
            sick_leave=rows(
                "employee_id;start;end\n2;2024-05-01;2024-05-03\n1;2024-01-08;2024-01-12\n1;2024-01-10;2024-01-20\n"
            )
        )
        with pytest.raises(IngestError) as caught:
            dataset_from_tables(given)
        (overlap,) = caught.value.details
        assert ("sick_leave", 2, (3,), ProblemCode.INCONSISTENT) == (
            overlap.table,
            overlap.row,
            overlap.related_rows,
            overlap.code,
        )
        assert "overlap" in overlap.message
        assert "sick_leave[" not in overlap.message

    def test_more_than_full_time(self) -> None:
        """Jobs above fte 1 on a day are told by their rows."""
        given = tables(
            employments=rows(
                "employee_id;unit_id;start;fte\n1;a;2020-01-01;100\n2;a;2020-01-01;60\n2;k;2021-01-01;60\n3;k;2021-01-01;80\n"
            )
        )
        with pytest.raises(IngestError) as caught:
            dataset_from_tables(given)
        (problem,) = caught.value.details
        assert ("employments", 2, (3,)) == (problem.table, problem.row, problem.related_rows)
        assert "fte 1" in problem.message

    def test_duplicates_and_unknown_references(self) -> None:
        """Repeated ids and ids of units or questions that are not there are named by row."""
        given = tables(
            employees=rows("id;gender\n1;K\n2;M\n3;K\n2;M\n"),
            incidents=[
                {"id": "i1", "unit_id": "x", "occurred_on": "2024-01-01", "kind": "Tillbud"}
            ],
            answers=[
                {
                    "unit_id": "a",
                    "year": 2024,
                    "question_id": "inspections.inspected",
                    "answer": "Ja",
                },
                {"unit_id": "a", "year": 2024, "question_id": "nope", "answer": "Nej"},
                {
                    "unit_id": "a",
                    "year": 2024,
                    "question_id": "inspections.inspected",
                    "answer": "Nej",
                },
            ],
        )
        assert [
            ("employees", 4, "id", "duplicate"),
            ("incidents", 1, "unit_id", "unknown_id"),
            ("answers", 2, "question_id", "unknown_id"),
            ("answers", 3, None, "duplicate"),
        ] == problems_of(given)

    def test_a_rejected_employee_is_not_unknown_too(self) -> None:
        """Rows that name a rejected employee are not reported again as unknown."""
        given = tables(employees=rows("id;gender\n1;K\n2;Q\n3;K\n"))
        assert [("employees", 2, "gender", "unknown_value")] == problems_of(given)

    def test_ignored_columns(self) -> None:
        """A column named in ignore= is left out without a problem."""
        given = tables(employees=rows("id;gender;Namn\n1;K;Anna\n2;M;Nils\n3;K;Eva\n"))
        assert [("employees", None, None, "unknown_column")] == problems_of(given)
        assert 3 == len(dataset_from_tables(given, ignore=[" Namn"]).employees)

    def test_tables_and_the_organisation(self) -> None:
        """Unknown tables, a missing units table and a broken tree are problems; org= replaces units."""
        given = tables(kontakter=[])
        del given["units"]
        assert [
            ("units", None, None, "missing"),
            ("kontakter", None, None, "unknown_table"),
        ] == problems_of(given)
        org = OrgTree.from_units(
            [OrgUnit(id="k", name="K"), OrgUnit(id="a", name="A", parent_id="k")]
        )
        del given["kontakter"]
        assert 3 == len(dataset_from_tables(given, org=org).employees)
        with pytest.raises(InvalidValueError, match="'org'"):
            dataset_from_tables(tables(), org=org)
        cycle = [
            {"id": "k", "name": "K", "parent_id": "a"},
            {"id": "a", "name": "A", "parent_id": "k"},
        ]
        assert ("units", None, None, "inconsistent") == problems_of(tables(units=cycle))[0]

    def test_risks_and_checklists_tables(self) -> None:
        """Risks and checklists are grouped by id, and their unit ids checked."""
        given = tables(
            risks=[
                {
                    "id": "R",
                    "unit_id": "a",
                    "title": "T",
                    "identified_on": "2024-01-01",
                    "probability": 2,
                    "consequence": 2,
                    "measure_title": m,
                }
                for m in ("M1", "M2")
            ],
            checklists=[
                {
                    "id": "C",
                    "unit_id": "b",
                    "topic": "OSA",
                    "performed_on": "2024-01-01",
                    "item_question": "Q",
                    "item_answer": "Ja",
                }
            ],
        )
        assert [("checklists", 1, "unit_id", "unknown_id")] == problems_of(given)
        del given["checklists"]
        assert [("M1", "M2")] == [
            tuple(m.title for m in r.measures) for r in dataset_from_tables(given).risks
        ]

    def test_the_error(self) -> None:
        """IngestError is a DatasetError and a ValueError; its problems name table and row."""
        with pytest.raises(IngestError) as caught:
            dataset_from_tables(tables(employees=rows("id;gender\n1;K\n2;Q\n3;K\n")))
        error = caught.value
        assert isinstance(error, DatasetError)
        assert isinstance(error, SamcoreError)
        assert isinstance(error, ValueError)
        assert (
            "employees row 2, gender: unknown Gender value 'Q' (known: woman, man, unspecified, K, "
            "Kvinna, female, M, male, X, Annat, Okänt, Ej angivet, ...; add words with values=) "
            "[unknown_value]",
        ) == tuple(p.message for p in error.problems)
        assert ("$.employees[1].gender",) == tuple(p.path for p in error.problems)

    def test_delegation_top(self) -> None:
        """Delegations need delegation_top=, which no table holds; with it they are read."""
        delegations = [
            {"id": "D1", "unit_id": "a", "delegator_id": "ordf", "delegate_id": "1"},
        ]
        given = tables(delegations=delegations)
        with pytest.raises(IngestError) as caught:
            dataset_from_tables(given)
        (problem,) = caught.value.details
        assert (None, None, "delegation_top", ProblemCode.MISSING) == (
            problem.table,
            problem.row,
            problem.field,
            problem.code,
        )
        assert "$.delegation_top" == problem.problem().path
        data = dataset_from_tables(given, delegation_top=["ordf"])
        assert (frozenset({"ordf"}), 1) == (data.delegation_top, len(data.delegations))
        assert frozenset() == dataset_from_tables(tables()).delegation_top
        with pytest.raises(InvalidValueError, match="'delegation_top' must be an iterable of str"):
            dataset_from_tables(given, delegation_top="ordf")

    def test_table_names(self) -> None:
        """TABLES names one table per kind of record of a dataset, and the units."""
        records = [
            f.name
            for f in attrs.fields(Dataset)
            if f.name not in ("org", "covers", "risk_matrix", "templates", "delegation_top")
        ]
        assert ["units", *records] == list(TABLES)


class TestDocumentedColumns:
    """docs/ingestion.md lists every table's columns, the required ones in bold."""

    @pytest.mark.parametrize("table", list(TABLES))
    def test_columns(self, table: str) -> None:
        """The table's row in the docs names each field once, bold exactly when it is required."""
        page = (Path(__file__).resolve().parent.parent / "docs" / "ingestion.md").read_text(
            encoding="utf-8"
        )
        (line,) = [line for line in page.splitlines() if line.startswith(f"| `{table}` |")]
        cells = line.split(" | ", 1)[1]
        documented = {name: bold == "**" for bold, name in re.findall(r"(\*\*)?`([a-z_]+)`", cells)}
        nested = {"risks": ("measure_", Measure), "checklists": ("item_", ChecklistItem)}
        wide = WIDE.get(TABLES[table])
        expected: dict[str, bool] = dict.fromkeys(wide.columns if wide else (), False)
        for prefix, cls in [("", TABLES[table]), *([nested[table]] if table in nested else [])]:
            for field in attrs.fields(cls):
                if field.name not in ("measures", "items", wide.field if wide else ""):
                    expected[prefix + field.name] = field.default is attrs.NOTHING
        assert expected == documented
