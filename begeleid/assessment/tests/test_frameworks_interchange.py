import json

import pytest
from django.core.management import CommandError, call_command

from begeleid.assessment.models import Competence, Framework, tree_order
from begeleid.assessment.services.framework_export import export_case, export_csv
from begeleid.assessment.services.frameworks import FrameworkImportError, import_framework
from begeleid.core.models import AuditEvent
from begeleid.frameworks.enums import CompetenceKind, FrameworkStatus

DOC = "c0ffee00-0000-4000-8000-000000000001"


def case_file(**overrides):
    data = {
        "CFDocument": {
            "identifier": DOC,
            "uri": f"urn:x:{DOC}",
            "title": "Verpleegkundige handelingen",
            "version": "2025",
            "adoptionStatus": "Adopted",
            "lastChangeDateTime": "2025-03-01T10:00:00+00:00",
        },
        "CFItems": [
            {"identifier": "i-care", "fullStatement": "Zorg", "humanCodingScheme": "Z"},
            {
                "identifier": "i-inject",
                "fullStatement": "Injecteren",
                "humanCodingScheme": "Z.2",
                "CFItemType": "Procedure",
                "extensions": {"isReserved": True, "isRisky": True},
            },
            {
                "identifier": "i-wash",
                "fullStatement": "Wassen",
                "humanCodingScheme": "Z.1",
                "CFItemType": "Procedure",
            },
            {"identifier": "i-epa", "fullStatement": "Dienst draaien", "CFItemType": "EPA"},
        ],
        "CFAssociations": [
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "i-inject"},
                "destinationNodeURI": {"identifier": "i-care"},
                "sequenceNumber": 2,
            },
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "i-wash"},
                "destinationNodeURI": {"identifier": "i-care"},
                "sequenceNumber": 1,
            },
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "i-epa"},
                "destinationNodeURI": {"identifier": DOC},
                "sequenceNumber": 1,
            },
            {
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "i-care"},
                "destinationNodeURI": {"identifier": DOC},
                "sequenceNumber": 2,
            },
            {
                "associationType": "isRelatedTo",
                "originNodeURI": {"identifier": "i-care"},
                "destinationNodeURI": {"identifier": "i-epa"},
            },
        ],
    }
    data.update(overrides)
    return json.dumps(data)


def outline(framework):
    return [(item.depth, item.code, item.title) for item in tree_order(list(framework.items.all()))]


def test_case_import_orders_items_by_sequence_number(cast):
    result = import_framework(organisation=cast.organisation, content=case_file(), by=cast.admin)

    framework = result.framework
    assert (framework.title, framework.version, framework.status) == (
        "Verpleegkundige handelingen",
        "2025",
        FrameworkStatus.PUBLISHED,
    )
    assert outline(framework) == [
        (0, "", "Dienst draaien"),
        (0, "Z", "Zorg"),
        (1, "Z.1", "Wassen"),
        (1, "Z.2", "Injecteren"),
    ]
    inject = framework.items.get(identifier="i-inject")
    assert (inject.kind, inject.is_reserved, inject.is_risky) == (
        CompetenceKind.PROCEDURE,
        True,
        True,
    )
    assert framework.items.get(identifier="i-epa").kind == CompetenceKind.EPA
    assert (result.created, result.updated, result.removed) == (4, 0, 0)
    event = AuditEvent.objects.get(action="assessment.import_framework")
    assert (event.actor, event.changes) == (cast.admin, {"created": 4, "updated": 0, "removed": 0})


def test_case_export_import_export_is_identical(cast):
    framework = import_framework(organisation=cast.organisation, content=case_file()).framework
    first = export_case(framework)

    again = import_framework(organisation=cast.organisation, content=first).framework
    elsewhere = import_framework(organisation=cast.other_organisation, content=first).framework

    assert again.pk == framework.pk
    assert export_case(again) == first
    assert export_case(elsewhere).replace("Ander Ziekenhuis", "Ziekenhuis Test") == first
    package = json.loads(first)
    assert [a["sequenceNumber"] for a in package["CFAssociations"]] == [1, 2, 1, 2]
    assert {a["associationType"] for a in package["CFAssociations"]} == {"isChildOf"}


def test_case_reimport_updates_instead_of_duplicating(cast):
    import_framework(organisation=cast.organisation, content=case_file())
    changed = json.loads(case_file())
    changed["CFItems"][0]["fullStatement"] = "Basiszorg"
    del changed["CFItems"][3]
    changed["CFAssociations"] = [
        a for a in changed["CFAssociations"] if a["originNodeURI"]["identifier"] != "i-epa"
    ]

    result = import_framework(organisation=cast.organisation, content=json.dumps(changed))

    assert Framework.objects.filter(organisation=cast.organisation, identifier=DOC).count() == 1
    assert (result.created, result.updated, result.removed) == (0, 3, 1)
    assert outline(result.framework) == [
        (0, "Z", "Basiszorg"),
        (1, "Z.1", "Wassen"),
        (1, "Z.2", "Injecteren"),
    ]


def test_csv_export_import_export_is_identical(cast):
    framework = import_framework(organisation=cast.organisation, content=case_file()).framework
    first = export_csv(framework)

    elsewhere = import_framework(
        organisation=cast.other_organisation, content=first, name="kader.csv"
    ).framework

    assert export_csv(elsewhere) == first
    assert first.splitlines()[4] == (
        f"{DOC},Verpleegkundige handelingen,2025,published,i-inject,i-care,2,Z.2,procedure,"
        "yes,yes,Injecteren,"
    )


def test_case_bad_file_names_each_problem_and_imports_nothing(cast):
    bad = json.loads(case_file())
    bad["CFItems"][1]["fullStatement"] = ""
    bad["CFItems"].append({"identifier": "i-wash", "fullStatement": "Nog eens"})
    bad["CFAssociations"][0]["originNodeURI"]["identifier"] = "i-missing"
    bad["CFAssociations"][1]["sequenceNumber"] = "eerste"

    with pytest.raises(FrameworkImportError) as caught:
        import_framework(organisation=cast.organisation, content=json.dumps(bad))

    assert caught.value.errors == [
        "CFItems[1] (i-inject): fullStatement ontbreekt.",
        "CFItems[4] (i-wash): identifier komt vaker voor.",
        "CFAssociations[0]: originNodeURI verwijst naar onbekend item 'i-missing'.",
        "CFAssociations[1]: sequenceNumber 'eerste' is geen geheel getal.",
    ]
    assert not Framework.objects.filter(identifier=DOC).exists()
    assert not Competence.objects.filter(identifier__startswith="i-").exists()


def test_case_import_reports_invalid_json_with_its_position(cast):
    with pytest.raises(FrameworkImportError) as caught:
        import_framework(organisation=cast.organisation, content='{"CFDocument": {\n  "title": }')

    assert caught.value.errors == [
        "Het bestand is geen geldige JSON (regel 2, kolom 12): Expecting value."
    ]


def test_case_import_refuses_a_cycle_of_parents(cast):
    bad = json.loads(case_file())
    bad["CFAssociations"][3]["destinationNodeURI"]["identifier"] = "i-wash"

    with pytest.raises(FrameworkImportError) as caught:
        import_framework(organisation=cast.organisation, content=json.dumps(bad))

    assert caught.value.errors == [
        "Item 'i-care': de bovenliggende items vormen een kring.",
        "Item 'i-wash': de bovenliggende items vormen een kring.",
    ]


def test_csv_bad_file_names_the_line_and_imports_nothing(cast):
    content = (
        "framework_identifier,framework_title,identifier,parent_identifier,kind,reserved,title\n"
        "k1,Kader,a,,competence,no,Alpha\n"
        "k1,Kader,b,zzz,skill,misschien,Beta\n"
        "k2,Kader,c,,competence,no,\n"
    )

    with pytest.raises(FrameworkImportError) as caught:
        import_framework(organisation=cast.organisation, content=content, name="k.csv")

    assert caught.value.errors == [
        "regel 3: kind 'skill' is onbekend (kies competence, epa, procedure).",
        "regel 3: reserved 'misschien' is geen ja of nee.",
        "regel 4: hoort bij een ander kader (k2); één kader per bestand.",
        "regel 4: title ontbreekt.",
        "Item 'b': parent_identifier 'zzz' staat niet in het bestand.",
    ]
    assert not Framework.objects.filter(identifier__in=["k1", "k2"]).exists()


def test_import_framework_command_imports_and_export_command_writes_stdout(cast, tmp_path, capsys):
    path = tmp_path / "kader.json"
    path.write_text(case_file(), encoding="utf-8")

    call_command("import_framework", str(path), "--organisation", "test")
    imported = capsys.readouterr().out
    call_command("export_framework", DOC, "--format", "csv")
    exported = capsys.readouterr().out

    assert imported == (f"Verpleegkundige handelingen ({DOC}): 4 created, 0 updated, 0 removed.\n")
    assert exported == export_csv(Framework.objects.get(identifier=DOC))


def test_import_framework_command_fails_with_the_errors(cast, tmp_path):
    path = tmp_path / "kader.json"
    path.write_text(json.dumps({"CFDocument": {"identifier": DOC}}), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_framework", str(path), "--organisation", "test")

    assert str(caught.value) == "Nothing imported:\nCFDocument: title ontbreekt."
    assert not Framework.objects.filter(identifier=DOC).exists()
