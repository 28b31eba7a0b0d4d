"""Importing competence frameworks: CASE 1.0/1.1 JSON and CSV (export: framework_export).

Both formats are read into one neutral shape first and checked whole; only a file
without errors is written, in one transaction. Identifiers are kept, so importing a
framework again updates it instead of adding a copy.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit
from begeleid.frameworks.enums import CompetenceKind, FrameworkStatus

from ..models import Competence, Framework

CASE_STATUS = {
    FrameworkStatus.DRAFT: "Draft",
    FrameworkStatus.PUBLISHED: "Adopted",
    FrameworkStatus.RETIRED: "Deprecated",
}
STATUS_FROM_CASE = {value.lower(): key for key, value in CASE_STATUS.items()}
CASE_ITEM_TYPE = {
    CompetenceKind.COMPETENCE: "Competency",
    CompetenceKind.EPA: "EPA",
    CompetenceKind.PROCEDURE: "Procedure",
}
KIND_FROM_CASE = {"epa": CompetenceKind.EPA, "procedure": CompetenceKind.PROCEDURE}
CSV_COLUMNS = [
    "framework_identifier",
    "framework_title",
    "framework_version",
    "framework_status",
    "identifier",
    "parent_identifier",
    "sequence",
    "code",
    "kind",
    "reserved",
    "risky",
    "title",
    "description",
]
TRUE_WORDS = {"1", "true", "yes", "ja", "j", "y"}
FALSE_WORDS = {"", "0", "false", "no", "nee", "n"}


class FrameworkImportError(Exception):
    """The file cannot be imported; ``errors`` says where and what, one line each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ItemData:
    identifier: str
    title: str
    code: str = ""
    description: str = ""
    kind: str = CompetenceKind.COMPETENCE
    is_reserved: bool = False
    is_risky: bool = False
    parent: str | None = None
    sequence: int = 1
    changed_at: datetime.datetime | None = None


@dataclass
class FrameworkData:
    identifier: str
    title: str
    version: str = ""
    status: str = FrameworkStatus.DRAFT
    description: str = ""
    creator: str = ""
    changed_at: datetime.datetime | None = None
    items: list[ItemData] = field(default_factory=list)


@dataclass
class ImportResult:
    framework: Framework
    created: int
    updated: int
    removed: int


# --- reading --------------------------------------------------------------------------


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _moment(value, where: str, errors: list[str]):
    if value in (None, ""):
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        errors.append(
            _("%(where)s: lastChangeDateTime '%(value)s' is geen geldig tijdstip.")
            % {"where": where, "value": value}
        )
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def parse_case(content: str) -> FrameworkData:
    errors: list[str] = []
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise FrameworkImportError(
            [
                _("Het bestand is geen geldige JSON (regel %(line)s, kolom %(col)s): %(msg)s.")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ]
        ) from exc
    document = data.get("CFDocument") if isinstance(data, dict) else None
    if not isinstance(document, dict):
        raise FrameworkImportError([_("Het bestand heeft geen CFDocument.")])
    framework = FrameworkData(
        identifier=_text(document.get("identifier")),
        title=_text(document.get("title")),
        version=_text(document.get("version")),
        description=_text(document.get("description")),
        creator=_text(document.get("creator")),
        changed_at=_moment(document.get("lastChangeDateTime"), "CFDocument", errors),
    )
    if not framework.identifier:
        errors.append(_("CFDocument: identifier ontbreekt."))
    if not framework.title:
        errors.append(_("CFDocument: title ontbreekt."))
    status = _text(document.get("adoptionStatus")).lower()
    if status and status not in STATUS_FROM_CASE:
        errors.append(
            _(
                "CFDocument: adoptionStatus '%(value)s' is onbekend (kies Draft, Adopted of Deprecated)."
            )
            % {"value": document.get("adoptionStatus")}
        )
    framework.status = STATUS_FROM_CASE.get(status, FrameworkStatus.DRAFT)

    raw_items = data.get("CFItems", [])
    if not isinstance(raw_items, list):
        raise FrameworkImportError(errors + [_("CFItems moet een lijst zijn.")])
    by_identifier: dict[str, ItemData] = {}
    for index, raw in enumerate(raw_items):
        where = f"CFItems[{index}]"
        if not isinstance(raw, dict):
            errors.append(_("%(where)s: is geen object.") % {"where": where})
            continue
        identifier = _text(raw.get("identifier"))
        if identifier:
            where = f"{where} ({identifier})"
        else:
            errors.append(_("%(where)s: identifier ontbreekt.") % {"where": where})
            continue
        if identifier in by_identifier:
            errors.append(_("%(where)s: identifier komt vaker voor.") % {"where": where})
            continue
        title = _text(raw.get("fullStatement"))
        if not title:
            errors.append(_("%(where)s: fullStatement ontbreekt.") % {"where": where})
        extensions = raw.get("extensions") if isinstance(raw.get("extensions"), dict) else {}
        item = ItemData(
            identifier=identifier,
            title=title,
            code=_text(raw.get("humanCodingScheme")),
            description=_text(raw.get("notes")),
            kind=KIND_FROM_CASE.get(
                _text(raw.get("CFItemType")).lower(), CompetenceKind.COMPETENCE
            ),
            is_reserved=extensions.get("isReserved") is True,
            is_risky=extensions.get("isRisky") is True,
            sequence=index + 1,
            changed_at=_moment(raw.get("lastChangeDateTime"), where, errors),
        )
        by_identifier[identifier] = item
        framework.items.append(item)

    raw_associations = data.get("CFAssociations", [])
    if not isinstance(raw_associations, list):
        raise FrameworkImportError(errors + [_("CFAssociations moet een lijst zijn.")])
    for index, raw in enumerate(raw_associations):
        where = f"CFAssociations[{index}]"
        if not isinstance(raw, dict) or raw.get("associationType") != "isChildOf":
            continue
        origin = _text((raw.get("originNodeURI") or {}).get("identifier"))
        destination = _text((raw.get("destinationNodeURI") or {}).get("identifier"))
        child = by_identifier.get(origin)
        if child is None:
            errors.append(
                _("%(where)s: originNodeURI verwijst naar onbekend item '%(id)s'.")
                % {"where": where, "id": origin}
            )
            continue
        if destination != framework.identifier and destination not in by_identifier:
            errors.append(
                _("%(where)s: destinationNodeURI verwijst naar onbekend item '%(id)s'.")
                % {"where": where, "id": destination}
            )
            continue
        if child.parent is not None:
            errors.append(
                _("%(where)s: item '%(id)s' heeft al een bovenliggend item.")
                % {"where": where, "id": origin}
            )
            continue
        child.parent = None if destination == framework.identifier else destination
        sequence = raw.get("sequenceNumber")
        if sequence is not None:
            if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
                errors.append(
                    _("%(where)s: sequenceNumber '%(value)s' is geen geheel getal.")
                    % {"where": where, "value": sequence}
                )
            else:
                child.sequence = sequence
    _check_tree(framework, errors)
    if errors:
        raise FrameworkImportError(errors)
    return framework


def _flag(value: str, where: str, column: str, errors: list[str]) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word not in FALSE_WORDS:
        errors.append(
            _("%(where)s: %(column)s '%(value)s' is geen ja of nee.")
            % {"where": where, "column": column, "value": value}
        )
    return False


def parse_csv(content: str) -> FrameworkData:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    missing = [
        c
        for c in ("framework_identifier", "framework_title", "identifier", "title")
        if c not in (reader.fieldnames or [])
    ]
    if missing:
        raise FrameworkImportError(
            [_("De kopregel mist de kolom(men): %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    errors: list[str] = []
    framework = None
    seen: set[str] = set()
    kinds = {k.value for k in CompetenceKind}
    for row in reader:
        where = _("regel %(line)s") % {"line": reader.line_num}
        row = {key: (value or "") for key, value in row.items() if key}
        if framework is None:
            framework = FrameworkData(
                identifier=row["framework_identifier"].strip(),
                title=row["framework_title"].strip(),
                version=row.get("framework_version", "").strip(),
                status=row.get("framework_status", "").strip() or FrameworkStatus.DRAFT,
            )
            if framework.status not in FrameworkStatus.values:
                errors.append(
                    _("%(where)s: framework_status '%(value)s' is onbekend.")
                    % {"where": where, "value": framework.status}
                )
            if not framework.identifier or not framework.title:
                errors.append(
                    _("%(where)s: framework_identifier en framework_title zijn verplicht.")
                    % {"where": where}
                )
        elif row["framework_identifier"].strip() != framework.identifier:
            errors.append(
                _("%(where)s: hoort bij een ander kader (%(value)s); één kader per bestand.")
                % {"where": where, "value": row["framework_identifier"]}
            )
        identifier = row["identifier"].strip()
        if not identifier:
            errors.append(_("%(where)s: identifier ontbreekt.") % {"where": where})
            continue
        if identifier in seen:
            errors.append(
                _("%(where)s: identifier '%(id)s' komt vaker voor.")
                % {"where": where, "id": identifier}
            )
            continue
        seen.add(identifier)
        kind = row.get("kind", "").strip() or CompetenceKind.COMPETENCE
        if kind not in kinds:
            errors.append(
                _("%(where)s: kind '%(value)s' is onbekend (kies %(choices)s).")
                % {"where": where, "value": kind, "choices": ", ".join(sorted(kinds))}
            )
        sequence = row.get("sequence", "").strip()
        if sequence and not sequence.isdigit():
            errors.append(
                _("%(where)s: sequence '%(value)s' is geen geheel getal.")
                % {"where": where, "value": sequence}
            )
            sequence = ""
        if not row["title"].strip():
            errors.append(_("%(where)s: title ontbreekt.") % {"where": where})
        framework.items.append(
            ItemData(
                identifier=identifier,
                title=row["title"].strip(),
                code=row.get("code", "").strip(),
                description=row.get("description", "").strip(),
                kind=kind,
                is_reserved=_flag(row.get("reserved", ""), where, "reserved", errors),
                is_risky=_flag(row.get("risky", ""), where, "risky", errors),
                parent=row.get("parent_identifier", "").strip() or None,
                sequence=int(sequence) if sequence else len(framework.items) + 1,
            )
        )
    if framework is None:
        raise FrameworkImportError([_("Het bestand bevat geen regels met items.")])
    for item in framework.items:
        if item.parent and item.parent not in seen:
            errors.append(
                _("Item '%(id)s': parent_identifier '%(parent)s' staat niet in het bestand.")
                % {"id": item.identifier, "parent": item.parent}
            )
    _check_tree(framework, errors)
    if errors:
        raise FrameworkImportError(errors)
    return framework


def _check_tree(framework: FrameworkData, errors: list[str]) -> None:
    """Report each item that is its own ancestor (the members of a cycle)."""
    parents = {item.identifier: item.parent for item in framework.items}
    for item in framework.items:
        seen, node = set(), item.parent
        while node is not None and node not in seen:
            if node == item.identifier:
                errors.append(
                    _("Item '%(id)s': de bovenliggende items vormen een kring.")
                    % {"id": item.identifier}
                )
                break
            seen.add(node)
            node = parents.get(node)


def parse_framework(content: str, *, name: str = "") -> FrameworkData:
    """Pick the format by file name, or by the first character."""
    if name.lower().endswith(".csv"):
        return parse_csv(content)
    if name.lower().endswith(".json") or content.lstrip().startswith("{"):
        return parse_case(content)
    return parse_csv(content)


# --- writing --------------------------------------------------------------------------


def import_framework(*, organisation, content: str, name: str = "", by=None) -> ImportResult:
    """Create or update the framework in ``content``; nothing is written when it has errors."""
    data = parse_framework(content, name=name)
    now = timezone.now()
    with transaction.atomic():
        framework = Framework.objects.filter(
            organisation=organisation, identifier=data.identifier
        ).first() or Framework(organisation=organisation, identifier=data.identifier)
        framework.title = data.title
        framework.version = data.version
        framework.status = data.status
        framework.description = data.description
        framework.creator = data.creator
        framework.changed_at = data.changed_at or now
        framework.save()
        existing = {item.identifier: item for item in framework.items.all()}
        saved, created, updated = {}, 0, 0
        for entry in data.items:
            item = existing.get(entry.identifier)
            if item is None:
                item = Competence(organisation=organisation, framework=framework)
                created += 1
            else:
                updated += 1
            for attr in (
                "identifier",
                "title",
                "code",
                "description",
                "kind",
                "is_reserved",
                "is_risky",
                "sequence",
            ):
                setattr(item, attr, getattr(entry, attr))
            item.changed_at = entry.changed_at or now
            item.parent = None
            item.save()
            saved[entry.identifier] = item
        for entry in data.items:
            if entry.parent:
                item = saved[entry.identifier]
                item.parent = saved[entry.parent]
                item.save(update_fields=["parent"])
        gone = [item for key, item in existing.items() if key not in saved]
        for item in gone:
            try:
                with transaction.atomic():
                    Competence.objects.filter(pk=item.pk).delete()
            except ProtectedError as exc:
                raise FrameworkImportError(
                    [
                        _(
                            "Item '%(id)s' (%(title)s) staat niet meer in het bestand, maar wordt "
                            "nog gebruikt in rubrics of beoordelingen."
                        )
                        % {"id": item.identifier, "title": item.title}
                    ]
                ) from exc
        record_audit(
            by=by,
            action="assessment.import_framework",
            obj=framework,
            changes={"created": created, "updated": updated, "removed": len(gone)},
        )
    return ImportResult(framework, created, updated, len(gone))
